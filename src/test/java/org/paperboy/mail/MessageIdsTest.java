package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    private final LocalDate day = LocalDate.of(2026, 11, 20);

    @Test
    void aCreatedIdNamesItsDateAndReaderAndIsUnguessable() {
        String a = MessageIds.create(day, 4711, "news.paperboy.test");
        String b = MessageIds.create(day, 4711, "news.paperboy.test");
        assertThat(a).startsWith("pb.20261120.4711.").endsWith("@news.paperboy.test").isNotEqualTo(b);
        assertThat(MessageIds.parse(a)).contains(new MessageIds.Row(day, 4711));
        assertThat(MessageIds.parse("<" + a + ">")).contains(new MessageIds.Row(day, 4711));
    }

    @Test
    void anythingElseNamesNoRow() {
        assertThat(MessageIds.parse(null)).isEmpty();
        assertThat(MessageIds.parse("")).isEmpty();
        assertThat(MessageIds.parse("<CAB1234@mail.gmail.com>")).isEmpty();
        assertThat(MessageIds.parse("pb.20261399.1.abc@x.test")).isEmpty();
        assertThat(MessageIds.parse("pb.20261120.99999999999999999999.abc@x.test")).isEmpty();
        assertThat(MessageIds.parse("pb.20261120.1.abc@x.test\r\nBcc: a@b.test")).isEmpty();
        assertThat(MessageIds.parse("copy.0f8e-11@x.test")).isEmpty();
    }
}
