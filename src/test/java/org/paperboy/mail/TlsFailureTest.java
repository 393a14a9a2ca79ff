package org.paperboy.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** A failed TLS set-up is told from an unreachable server by the causes, not by where the host name is. */
class TlsFailureTest {

    @Test
    void anUntrustedCertificateDeepInTheCausesIsTls() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
        handshake.initCause(new CertificateException(new CertPathValidatorException("no trusted anchor")));
        MessagingException e = new MessagingException("Could not convert socket to TLS", handshake);

        assertThat(TlsFailure.in(new DeliveryException("cannot connect", false, e))).isSameAs(e);
        assertThat(TlsFailure.in(handshake)).isSameAs(handshake);
    }

    @Test
    void starttlsRequiredButNotOfferedAndAWrongServerNameAreTls() {
        assertThat(TlsFailure.in(new MessagingException("STARTTLS is required but host does not support STARTTLS"))).isNotNull();
        assertThat(TlsFailure.in(new MessagingException("Could not connect to SMTP host: smtp.example.org, port: 587",
                new java.io.IOException("Can't verify identity of server: smtp.example.org")))).isNotNull();
    }

    @Test
    void aRefusedConnectionIsNotTlsEvenWhenTheHostIsNamedForIt() {
        MessagingException refused = new MessagingException("Couldn't connect to host, port: starttls.tls.example.org, 587; timeout -1",
                new ConnectException("Connection refused"));

        assertThat(TlsFailure.in(refused)).isNull();
        assertThat(TlsFailure.in(null)).isNull();
    }
}
