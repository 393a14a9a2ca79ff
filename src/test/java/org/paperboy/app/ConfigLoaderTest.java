package org.paperboy.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paperboy.ConfigException;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void theShippedConfigLoadsWithItsDefaults() {
        PaperboyConfig config = ConfigLoader.load(Path.of("config", "paperboy.yaml"), Map.of());
        assertThat(config.papers().sources()).containsExactly("seeds/");
        assertThat(config.papers().fetch().retries()).isEqualTo(2);
        assertThat(config.smtp().host()).isNull();
    }

    @Test
    void anUnknownKeyIsQuotedWithItsValue() throws IOException {
        Path file = write("papers:\n  sorces: [seeds/]\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": unknown key \"papers.sorces\" with value \"[\"seeds/\"]\"")
                .hasMessageContaining("known keys here: fetch, sources");
    }

    @Test
    void aBadValueIsQuotedWithItsKey() throws IOException {
        Path file = write("papers:\n  fetch:\n    retries: many\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": bad value \"many\" for \"papers.fetch.retries\": expected a whole number");
    }

    @Test
    void anOutOfRangeValueIsQuoted() throws IOException {
        Path file = write("smtp:\n  port: 70000\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessage(file + ": smtp.port must be between 1 and 65535, got 70000");
    }

    @Test
    void anSmtpCaFileThatHoldsNoCertificateIsAConfigError() throws IOException {
        Path missing = dir.resolve("no-such-ca.pem");
        Path file = write("smtp:\n  caFile: " + missing + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessageStartingWith(file + ": smtp.caFile: cannot read certificates from " + missing);
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
        Path file2 = write("smtp:\n  caFile: " + notPem + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(file2, Map.of())).hasMessageContaining("smtp.caFile: ");
    }

    @Test
    void brokenYamlNamesTheLine() throws IOException {
        Path file = write("papers:\n  sources: [seeds/\n  fetch: {\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageMatching(java.util.regex.Pattern.quote(file.toString()) + " line \\d+: not valid YAML: .*");
    }

    @Test
    void secretsComeFromTheEnvironmentOverTheFile() throws IOException {
        Path file = write("smtp:\n  host: mail.example.org\n  password: from-file\n");
        PaperboyConfig config = ConfigLoader.load(file, Map.of("PAPERBOY_SMTP_PASSWORD", "from-env",
                "PAPERBOY_TOKEN_SECRET", "0123456789abcdef-secret"));
        assertThat(config.smtp().password()).isEqualTo("from-env");
        assertThat(config.tokens().secret()).isEqualTo("0123456789abcdef-secret");
        assertThat(config.smtp().toString()).doesNotContain("from-env");
    }

    @Test
    void aSecretIsNeverQuotedBackInAnError() throws IOException {
        Path file = write("tokens:\n  secret: short\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessageNotContaining("short\"")
                .hasMessageContaining("tokens.secret must be at least 16 characters");
    }

    @Test
    void aMissingConfigFileIsNamed() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of())).hasMessage(missing + ": no such config file");
    }

    @Test
    void anEmptyFileMeansAllDefaults() throws IOException {
        assertThat(ConfigLoader.load(write(""), Map.of()).papers().sources()).containsExactly("seeds/");
    }

    @Test
    void aRepeatedSectionIsAnErrorNamingIt() throws IOException {
        Path file = write("database:\n  poolSize: 2\nsmtp:\n  port: 25\ndatabase:\n  poolSize: 4\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage(file + " line 5: \"database\" is given twice; keep one (a repeated key would silently replace the first)");
    }

    @Test
    void aRepeatedKeyIsNamedWithItsSection() throws IOException {
        Path file = write("smtp:\n  port: 25\n  host: a.example.org\n  port: 587\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessageStartingWith(file + " line 4: \"smtp.port\" is given twice");
    }

    @Test
    void aMissingTemplatesFolderNamesTheKeyAndPath() throws IOException {
        Path missing = dir.resolve("my-templates");
        Path file = write("email:\n  templates: " + missing + "\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": email.templates: no such folder \"" + missing + "\"");
        Files.createDirectories(missing);
        assertThat(ConfigLoader.load(file, Map.of()).email().templates()).isEqualTo(missing.toString());
    }

    @Test
    void aMistypedPasswordIsNamedButItsValueNeverPrinted() throws IOException {
        Path file = write("smtp:\n  host: mail.example.org\n  pasword: hunter2-is-my-password\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": unknown key \"smtp.pasword\"; did you mean \"password\"? (its value is not shown")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aMistypedSectionHoldingASecretIsNotPrinted() throws IOException {
        Path file = write("smpt:\n  host: mail.example.org\n  password: hunter2-is-my-password\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessageStartingWith(file + ": unknown key \"smpt\"; did you mean \"smtp\"?")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aPasswordInsideTheDatabaseUrlIsMasked() throws IOException {
        Path file = write("database:\n  url: \"jdbc:mysql://paperboy:hunter2@db.example.org/news?password=hunter2\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessage(file + ": database.url must be a jdbc:sqlite: or jdbc:postgresql: URL, got"
                        + " \"jdbc:mysql://paperboy:***@db.example.org/news?password=***\"");
    }

    @Test
    void brokenYamlNeverQuotesTheLineItBrokeOn() throws IOException {
        Path file = write("smtp:\n  password: \"hunter2-is-my-password\n  host: x\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessageStartingWith(file + " line ").hasMessageContaining("not valid YAML")
                .hasMessageNotContaining("hunter2").hasMessageNotContaining("\n");
    }

    @Test
    void aBadValueOfASecretKeyIsHidden() throws IOException {
        Path file = write("database:\n  password: [hunter2, again]\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
                .hasMessage(file + ": bad value (hidden) for \"database.password\": expected a text value");
    }

    private Path write(String yaml) throws IOException {
        return Files.writeString(dir.resolve("paperboy.yaml"), yaml);
    }
}
