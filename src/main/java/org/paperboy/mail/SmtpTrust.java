package org.paperboy.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Whom the SMTP client trusts over TLS: the JVM's CAs, or with {@code smtp.caFile} only the
 * certificates in that PEM file (a relay with a private CA). Never everyone: the server's
 * certificate is always checked, and its name too ({@code ssl.checkserveridentity}).
 */
final class SmtpTrust {

    private SmtpTrust() {
    }

    /** The TLS properties of a Jakarta Mail session for {@code protocol} (smtp or smtps); none with {@code security: none}. */
    static void apply(SmtpConfig config, Properties p, String protocol) {
        if (config.securityMode() == Security.NONE) {
            return;
        }
        p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        if (config.caFile() != null) {
            // Angus takes this factory both for smtps and for the STARTTLS upgrade
            p.put("mail." + protocol + ".ssl.socketFactory", socketFactory(config.caFile()));
        }
    }

    /** The certificates of a PEM (or DER) file; an IllegalArgumentException naming {@code smtp.caFile} if none can be read. */
    static List<Certificate> certificates(String caFile) {
        try (InputStream in = Files.newInputStream(Path.of(caFile))) {
            List<Certificate> certificates = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("smtp.caFile: no certificate in " + caFile);
            }
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("smtp.caFile: cannot read certificates from " + caFile + ": " + e.getMessage(), e);
        }
    }

    static SSLSocketFactory socketFactory(String caFile) {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            List<Certificate> certificates = certificates(caFile);
            for (int i = 0; i < certificates.size(); i++) {
                trusted.setCertificateEntry("ca" + i, certificates.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("smtp.caFile: cannot trust the certificates of " + caFile + ": " + e.getMessage(), e);
        }
    }
}
