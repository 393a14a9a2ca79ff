package org.paperboy.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.paperboy.testing.TestSetup;

/**
 * A config file as an operator writes it, for the commands run in-process: a sender identity that
 * passes the checks unless a test changes one item, SMTP on a GreenMail port or the outbox folder.
 */
record OperatorConfig(Integer smtpPort, String publicBaseUrl, String fromAddress, String postalAddress, String secret,
                      String username, String sources, String security, int readTimeoutSeconds) {

    static final String POSTAL = "Paperboy Press, 5 Mill Lane, Cambridge CB2 1RX, United Kingdom";

    static OperatorConfig good(Integer smtpPort) {
        return new OperatorConfig(smtpPort, "https://news.paperboy.test", "digest@news.paperboy.test", POSTAL,
                TestSetup.SECRET, null, "[seeds/]", "none", 60);
    }

    OperatorConfig publicBaseUrl(String url) {
        return new OperatorConfig(smtpPort, url, fromAddress, postalAddress, secret, username, sources, security, readTimeoutSeconds);
    }

    OperatorConfig from(String address) {
        return new OperatorConfig(smtpPort, publicBaseUrl, address, postalAddress, secret, username, sources, security, readTimeoutSeconds);
    }

    OperatorConfig postal(String postal) {
        return new OperatorConfig(smtpPort, publicBaseUrl, fromAddress, postal, secret, username, sources, security, readTimeoutSeconds);
    }

    OperatorConfig secret(String value) {
        return new OperatorConfig(smtpPort, publicBaseUrl, fromAddress, postalAddress, value, username, sources, security, readTimeoutSeconds);
    }

    OperatorConfig username(String user) {
        return new OperatorConfig(smtpPort, publicBaseUrl, fromAddress, postalAddress, secret, user, sources, security, readTimeoutSeconds);
    }

    OperatorConfig sources(String yamlList) {
        return new OperatorConfig(smtpPort, publicBaseUrl, fromAddress, postalAddress, secret, username, yamlList, security, readTimeoutSeconds);
    }

    OperatorConfig security(String value) {
        return new OperatorConfig(smtpPort, publicBaseUrl, fromAddress, postalAddress, secret, username, sources, value, readTimeoutSeconds);
    }

    /** By default a minute: generous, as the SMTP servers are the tests' own on a machine that may be busy. */
    OperatorConfig readTimeout(int seconds) {
        return new OperatorConfig(smtpPort, publicBaseUrl, fromAddress, postalAddress, secret, username, sources, security, seconds);
    }

    Path write(Path dir) throws IOException {
        return Files.writeString(dir.resolve("paperboy.yaml"), """
                papers:
                  sources: %s
                email:
                  publicBaseUrl: "%s"
                  postalAddress: "%s"
                smtp:
                  host: "%s"
                  port: %d
                  security: %s
                  fromAddress: "%s"
                  username: "%s"
                  connectTimeoutSeconds: 30
                  readTimeoutSeconds: %d
                  outbox: "%s"
                database:
                  url: "%s"
                tokens:
                  secret: "%s"
                """.formatted(sources, publicBaseUrl, postalAddress, smtpPort == null ? "" : "127.0.0.1",
                smtpPort == null ? 587 : smtpPort, security, fromAddress, username == null ? "" : username, readTimeoutSeconds,
                dir.resolve("outbox"), TestSetup.sqliteUrl(dir), secret == null ? "" : secret));
    }

    /** Runs the CLI in-process with this config; out and err are kept for assertions. */
    static final class Run {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exit;

        Run(Map<String, String> env, String... args) {
            exit = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true), env);
        }

        String out() {
            return out.toString();
        }

        String err() {
            return err.toString();
        }
    }
}
