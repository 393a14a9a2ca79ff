package org.paperboy.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the built jar as a separate process, as an operator would, with its output in a log file. */
public final class PaperboyProcess {

    private PaperboyProcess() {
    }

    public static Process start(Path log, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String[] command = new String[args.length + 3];
        command[0] = java;
        command[1] = "-jar";
        command[2] = new File("target/paperboy.jar").getAbsolutePath();
        System.arraycopy(args, 0, command, 3, args.length);
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    public static String log(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read " + log + ")";
        }
    }

    /** A config file for a separate process: SMTP on the port, the database at the URL, and more YAML after. */
    public static Path config(Path dir, String name, int smtpPort, String dbUrl, String extraYaml) throws IOException {
        return Files.writeString(dir.resolve(name), """
                papers:
                  sources: [seeds/]
                smtp:
                  host: 127.0.0.1
                  port: %d
                  security: none
                  fromAddress: digest@paperboy.test
                  connections: 2
                email:
                  publicBaseUrl: https://news.paperboy.test
                  postalAddress: "Paperboy Press, 5 Mill Lane, Cambridge CB2 1RX"
                database:
                  url: "%s"
                tokens:
                  secret: %s
                """.formatted(smtpPort, dbUrl, TestSetup.SECRET) + extraYaml);
    }
}
