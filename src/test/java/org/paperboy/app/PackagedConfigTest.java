package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The config the Debian package installs as /etc/paperboy/paperboy.yaml reads, and keeps its data where the service may write. */
class PackagedConfigTest {

    @Test
    void thePackagedConfigReadsAndKeepsDataUnderVarLib() {
        PaperboyConfig config = ConfigLoader.load(Path.of("packaging/deb/paperboy.yaml"), Map.of());

        assertThat(config.database().url()).startsWith("jdbc:sqlite:/var/lib/paperboy/");
        assertThat(config.smtp().outbox()).startsWith("/var/lib/paperboy/");
        assertThat(config.smtp().host()).as("the package writes to the outbox folder until the operator sets a server").isNull();
        assertThat(config.ranking().topicsFile()).isEqualTo("/etc/paperboy/topics.yaml");
    }

    /** The launcher, the unit and the delivery benchmark run the JVM with the same options, so the README's figures are the package's. */
    @Test
    void theLauncherTheUnitAndTheBenchmarkShareTheJvmOptions() throws IOException {
        String launcher = option("packaging/deb/paperboy", ": \"\\$\\{JAVA_OPTS=([^}]*)}\"");
        String unit = option("packaging/deb/paperboy.service", "Environment=\"JAVA_OPTS=([^\"]*)\"");
        String bench = option("bench/delivery.sh", "java_opts=\\$\\{JAVA_OPTS-([^}]*)}");
        String latency = option("bench/latency.sh", "java_opts=\\$\\{JAVA_OPTS-([^}]*)}");
        String plan = option("bench/plan.sh", "java_opts=\\$\\{JAVA_OPTS-([^}]*)}");

        assertThat(launcher).contains("-XX:+UseSerialGC");
        assertThat(unit).isEqualTo(launcher);
        assertThat(bench).isEqualTo(launcher);
        assertThat(latency).isEqualTo(launcher);
        assertThat(plan).isEqualTo(launcher);
        // bench/tls.sh reads the launcher's options itself
        assertThat(Files.readString(Path.of("bench/tls.sh"))).contains("packaging/deb/paperboy");
    }

    /** TLS runs on AES-GCM, whose intrinsics only C2 has: no option set may leave only the first JIT tier. */
    @Test
    void thePackagedJvmOptionsKeepTheOptimisingCompiler() throws IOException {
        String launcher = option("packaging/deb/paperboy", ": \"\\$\\{JAVA_OPTS=([^}]*)}\"");

        assertThat(launcher).doesNotContain("TieredStopAtLevel").doesNotContain("-TieredCompilation");
        assertThat(Files.readString(Path.of("packaging/deb/paperboy.service"))).contains("ExecStart=/usr/bin/java $JAVA_OPTS -jar ");
    }

    private static String option(String file, String regex) throws IOException {
        Matcher m = Pattern.compile(regex).matcher(Files.readString(Path.of(file)));
        assertThat(m.find()).as(file + " sets the JVM options (" + regex + ")").isTrue();
        return m.group(1);
    }
}
