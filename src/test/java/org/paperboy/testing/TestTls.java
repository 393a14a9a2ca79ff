package org.paperboy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A TLS certificate for a test server on loopback, made once a JVM with keytool: self-signed for
 * localhost and 127.0.0.1, so a client trusts it by naming its PEM in {@code smtp.caFile}.
 */
public final class TestTls {

    private static final String STOREPASS = "changeit";
    private static Path pem;
    private static SSLContext server;

    private TestTls() {
    }

    /** The certificate as PEM, for {@code smtp.caFile}. */
    public static synchronized Path certificatePem() {
        make();
        return pem;
    }

    /** The server's TLS, with that certificate's key. */
    public static synchronized SSLContext serverContext() {
        make();
        return server;
    }

    private static void make() {
        if (server != null) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("paperboy-tls");
            Path keys = dir.resolve("server.p12");
            keytool(dir, "-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3",
                    "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost", "-keystore", keys.toString());
            pem = dir.resolve("server.pem");
            keytool(dir, "-exportcert", "-rfc", "-alias", "smtp", "-keystore", keys.toString(), "-file", pem.toString());
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keys)) {
                store.load(in, STOREPASS.toCharArray());
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, STOREPASS.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            server = context;
        } catch (IOException | InterruptedException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the test server's TLS certificate: " + e.getMessage(), e);
        }
    }

    private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));   // a short-lived JVM starts faster
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", STOREPASS));
        Path log = dir.resolve("keytool.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("keytool " + String.join(" ", args) + " failed:\n" + Files.readString(log));
        }
    }
}
