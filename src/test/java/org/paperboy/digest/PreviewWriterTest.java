package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewWriterTest {

    private final DigestRenderer renderer = new DigestRenderer(EmailConfig.DEFAULTS);
    private final PreviewWriter writer = new PreviewWriter(renderer, EmailConfig.DEFAULTS);

    @Test
    void writesTheDayAndAnIndexLinkingIt(@TempDir Path out) throws IOException {
        RenderedDigest digest = renderer.render(DigestFixtures.worstCase());
        List<Path> written = writer.write(out, DigestFixtures.DAY, List.of(new PreviewWriter.Variant("", "General", digest),
                new PreviewWriter.Variant("topics-rl", "alice (topics: rl)", digest)));
        assertThat(written).containsExactly(out.resolve("2025-11-20/digest.html"), out.resolve("2025-11-20/digest.txt"),
                out.resolve("2025-11-20/topics-rl/digest.html"), out.resolve("2025-11-20/topics-rl/digest.txt"),
                out.resolve("index.html"));
        assertThat(written).allSatisfy(p -> assertThat(p).isRegularFile());
        assertThat(Files.readString(out.resolve("index.html")))
                .contains("href=\"2025-11-20/digest.html\"").contains("href=\"2025-11-20/topics-rl/digest.html\"");
    }

    @Test
    void aRerunReplacesTheDayWithoutStaleFiles(@TempDir Path out) {
        RenderedDigest digest = renderer.render(DigestFixtures.worstCase());
        writer.write(out, DigestFixtures.DAY, List.of(new PreviewWriter.Variant("", "General", digest),
                new PreviewWriter.Variant("topics-rl", "alice", digest)));
        writer.write(out, DigestFixtures.DAY, List.of(new PreviewWriter.Variant("", "General", digest)));
        assertThat(out.resolve("2025-11-20/topics-rl")).doesNotExist();
        assertThat(out.resolve("2025-11-20/digest.html")).isRegularFile();
        assertThat(out.toFile().list()).containsExactlyInAnyOrder("2025-11-20", "index.html");
    }

    @Test
    void theIndexKeepsEarlierDays(@TempDir Path out) throws IOException {
        RenderedDigest digest = renderer.render(DigestFixtures.worstCase());
        writer.write(out, DigestFixtures.DAY, List.of(new PreviewWriter.Variant("", "General", digest)));
        writer.write(out, DigestFixtures.DAY.plusDays(1), List.of(new PreviewWriter.Variant("", "General", digest)));
        String index = Files.readString(out.resolve("index.html"));
        assertThat(index.indexOf("2025-11-21")).isLessThan(index.indexOf("2025-11-20")).isPositive();
    }
}
