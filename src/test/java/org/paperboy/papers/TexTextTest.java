package org.paperboy.papers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TexTextTest {

    @Test
    void texQuotesBecomeTypographicQuotes() {
        assertThat(TexText.plain("so-called ``world models'' and `tokens'")).isEqualTo("so-called \u201cworld models\u201d and \u2018tokens\u2019");
    }

    @Test
    void markupAndInlineMathBecomeText() {
        assertThat(TexText.plain("We are \\emph{fast}: $O(n \\log n)$ time, 30\\% fewer FLOPs, $10^{3}\\times$ speed"))
                .isEqualTo("We are fast: O(n log n) time, 30% fewer FLOPs, 10^3× speed");
        assertThat(TexText.plain("pages 1--2, see~Fig. 3 --- done")).isEqualTo("pages 1\u20132, see Fig. 3 \u2014 done");
    }

    @Test
    void plainTextIsLeftAlone() {
        String plain = "A model's reasoning, in plain words (no TeX).";
        assertThat(TexText.plain(plain)).isSameAs(plain);
    }
}
