package org.paperboy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactTest {

    @Test
    void masksThePasswordOfAUrlsUserInfo() {
        assertThat(Redact.text("cannot open jdbc:postgresql://paperboy:hunter2@db.example.org:5432/news: refused"))
                .isEqualTo("cannot open jdbc:postgresql://paperboy:***@db.example.org:5432/news: refused");
    }

    @Test
    void masksPasswordParametersInEveryDialect() {
        assertThat(Redact.text("jdbc:postgresql://db/news?user=pb&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/news?user=pb&password=***&ssl=true");
        assertThat(Redact.text("jdbc:h2:file:./data/x;USER=sa;PASSWORD=hunter2;AUTO_SERVER=TRUE"))
                .isEqualTo("jdbc:h2:file:./data/x;USER=sa;PASSWORD=***;AUTO_SERVER=TRUE");
        assertThat(Redact.text("url \"jdbc:postgresql://db/n?sslpassword=k3y\" is bad"))
                .isEqualTo("url \"jdbc:postgresql://db/n?sslpassword=***\" is bad");
    }

    @Test
    void masksTheGivenSecretsWhereverTheyAppear() {
        assertThat(Redact.text("FATAL: role \"x\" with hunter2-long refused", "hunter2-long", null, ""))
                .isEqualTo("FATAL: role \"x\" with *** refused");
    }

    @Test
    void masksRememberedSecretsAndThePasswordsOfRememberedUrlsEverywhere() {
        Redact.rememberUrl("jdbc:postgresql://pb:s3cret-in-url@db/news");
        Redact.remember("smtp-password-42", null, "");
        assertThat(Redact.text("java.net.UnknownHostException: pb:s3cret-in-url@db and smtp-password-42"))
                .isEqualTo("java.net.UnknownHostException: pb:***@db and ***");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "smtp.port must be between 1 and 65535, got 70000; see https://example.org/docs?page=2";
        assertThat(Redact.text(text)).isEqualTo(text);
    }
}
