package org.paperboy.bounces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The quality bar of issue 12, measured against Sisimai on real bounce mails: the same failed
 * recipient for at least 95% of the mails, the same kind for at least 90%. The corpus is not in
 * the repository (it is Sisimai's test set); put it in {@code ../bounce-corpus} or name it with
 * {@code -Dbounces.corpus=DIR} ({@code mail/} plus {@code expected.tsv}), else this test is skipped.
 */
class SisimaiCorpusTest {

    private static final Path CORPUS = Path.of(System.getProperty("bounces.corpus", "../bounce-corpus"));

    record Expected(String file, List<String> kinds, List<String> reasons, List<String> recipients) {
    }

    @Test
    void namesTheSameRecipientsAndKindsAsSisimai() throws IOException {
        assumeTrue(Files.isRegularFile(CORPUS.resolve("expected.tsv")), "no corpus at " + CORPUS.toAbsolutePath());
        BounceParser parser = new BounceParser();
        int mails = 0;
        int sameRecipient = 0;
        int sameKind = 0;
        int sameReason = 0;
        List<String> misses = new ArrayList<>();
        for (Expected expected : expectations()) {
            ReturnedMail mail = parser.parse(Files.readAllBytes(CORPUS.resolve("mail").resolve(expected.file())));
            List<String> recipients = mail.reports().stream().map(r -> r.recipient() == null ? "-" : r.recipient()).toList();
            List<String> kinds = mail.reports().stream().map(r -> r.kind().label()).toList();
            List<String> reasons = mail.reports().stream().map(Report::reason).toList();
            mails++;
            boolean recipientOk = recipients.size() == expected.recipients().size() && matches(recipients, expected.recipients());
            boolean kindOk = kinds.equals(expected.kinds());
            sameRecipient += recipientOk ? 1 : 0;
            sameKind += kindOk ? 1 : 0;
            sameReason += reasons.equals(expected.reasons()) ? 1 : 0;
            if (!recipientOk || !kindOk || !reasons.equals(expected.reasons())) {
                misses.add(expected.file() + ": got " + recipients + " " + kinds + " " + reasons + ", Sisimai " + expected.recipients()
                        + " " + expected.kinds() + " " + expected.reasons());
            }
        }
        System.out.printf("Sisimai corpus: %d mails; same recipient %.1f%%, same kind %.1f%%, same reason %.1f%%%n", mails,
                100.0 * sameRecipient / mails, 100.0 * sameKind / mails, 100.0 * sameReason / mails);
        misses.forEach(m -> System.out.println("  differs: " + m));
        assertThat(100.0 * sameRecipient / mails).as("same recipient as Sisimai, %").isGreaterThanOrEqualTo(95.0);
        assertThat(100.0 * sameKind / mails).as("same kind as Sisimai, %").isGreaterThanOrEqualTo(90.0);
    }

    /** "-" in the expectations stands for an address Sisimai's tables do not give: any (or none) is accepted. */
    private static boolean matches(List<String> got, List<String> expected) {
        for (int i = 0; i < got.size(); i++) {
            if (!expected.get(i).equals("-") && !expected.get(i).equalsIgnoreCase(got.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<Expected> expectations() throws IOException {
        List<Expected> all = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("expected.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            all.add(new Expected(f[0], list(f[1]), list(f[2]), list(f[4])));
        }
        return all;
    }

    private static List<String> list(String field) {
        return Arrays.asList(field.strip().split(","));
    }
}
