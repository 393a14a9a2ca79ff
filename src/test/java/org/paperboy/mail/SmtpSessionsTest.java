package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.util.StreamProvider;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.junit.jupiter.api.Test;
import org.paperboy.testing.TestSetup;

/** Jakarta Mail's stream provider is named at start-up, so it is not looked up by a class-path scan each time. */
class SmtpSessionsTest {

    static final SmtpConfig SMTP = TestSetup.smtp("""
            host: "127.0.0.1"
            port: 2525
            security: none
            """);

    @Test
    void namesAngusStreamProviderAndJakartaMailUsesIt() {
        SmtpSessions.create(SMTP);
        assertThat(System.getProperty("jakarta.mail.util.StreamProvider")).isEqualTo("org.eclipse.angus.mail.util.MailStreamProvider");
        assertThat(StreamProvider.provider()).isInstanceOf(MailStreamProvider.class);
    }

    @Test
    void aProviderThatCannotBeLoadedStopsStartUpWithItsName() {
        String before = System.getProperty(SmtpSessions.STREAM_PROVIDER);
        System.setProperty(SmtpSessions.STREAM_PROVIDER, "org.example.NoSuchStreamProvider");
        try {
            assertThatThrownBy(() -> SmtpSessions.create(SMTP)).isInstanceOf(DeliveryException.class)
                    .hasMessageContaining("jakarta.mail.util.StreamProvider names org.example.NoSuchStreamProvider");
        } finally {
            if (before == null) {
                System.clearProperty(SmtpSessions.STREAM_PROVIDER);
            } else {
                System.setProperty(SmtpSessions.STREAM_PROVIDER, before);
            }
        }
    }
}
