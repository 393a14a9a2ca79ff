package org.paperboy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.paperboy.stats.GrowthDay;
import org.w3c.dom.Document;

class ChartsTest {

    private static List<GrowthDay> week() {
        List<GrowthDay> days = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            days.add(new GrowthDay(LocalDate.of(2026, 11, 14 + i), i, 0, 0, i == 3 ? 1 : 0, 100 + i, 100 * i, i == 5 ? 2 : 0));
        }
        return days;
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void eachChartIsWellFormedSvgWithATitle() throws Exception {
        for (String svg : List.of(Charts.readers(week()), Charts.sends(week()), Charts.rates(week()))) {
            Document doc = parse(svg);
            assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
            assertThat(doc.getDocumentElement().getAttribute("role")).isEqualTo("img");
            assertThat(doc.getElementsByTagName("title").item(0).getTextContent()).isNotBlank();
            assertThat(svg).contains("2026-11-14").contains("2026-11-20");
        }
    }

    @Test
    void sendsHasABarPerDayAndKindAndTheRatesChartGmailsLine() throws Exception {
        assertThat(parse(Charts.sends(week())).getElementsByTagName("rect").getLength()).isEqualTo(14);
        String rates = Charts.rates(week());
        assertThat(rates).contains("stroke-dasharray").contains("0.3%");
        assertThat(parse(rates).getElementsByTagName("polyline").getLength()).isEqualTo(2);
    }

    @Test
    void emptyDaysAndTextAreSafe() throws Exception {
        parse(Charts.readers(List.of()));
        parse(Charts.sends(List.of()));
        assertThat(Svg.escape("<a href=\"x\">'&'</a>")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    @Test
    void theScaleEndsOnARoundNumber() {
        assertThat(Charts.niceMax(0)).isEqualTo(1);
        assertThat(Charts.niceMax(3)).isEqualTo(5);
        assertThat(Charts.niceMax(17)).isEqualTo(20);
        assertThat(Charts.niceMax(100)).isEqualTo(100);
        assertThat(Charts.niceMax(501)).isEqualTo(1000);
    }
}
