package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextWrapTest {

    @Test
    void wrapsAtWordsAndKeepsTheIndent() {
        String wrapped = TextWrap.wrap("   " + "word ".repeat(30).strip(), 20);
        assertThat(wrapped.lines()).allSatisfy(l -> {
            assertThat(l.length()).isLessThanOrEqualTo(20);
            assertThat(l).startsWith("   word");
        });
    }

    @Test
    void numberedItemsHangUnderTheirText() {
        String wrapped = TextWrap.wrap("12. " + "alpha ".repeat(10).strip(), 30);
        assertThat(wrapped.lines().skip(1)).allSatisfy(l -> assertThat(l).startsWith("    alpha"));
    }

    @Test
    void leavesShortLinesAlone() {
        assertThat(TextWrap.wrap("a\n\n  b", 10)).isEqualTo("a\n\n  b");
    }
}
