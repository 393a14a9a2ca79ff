package org.paperboy.bounces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The quality bar of issue 12, measured against Sisimai 4.25.15 on real bounce mails (Sisimai's public
 * test set, in {@code ../shared/bounces}; never in the repository, so this test skips where it is absent,
 * CI included). Per mail: the same failed recipients (as a set), the same kind for each of them, and,
 * printed only, the same reason. The mails are split for honesty: held out are those whose file name's
 * SHA-256 starts with a byte that is 0 mod 3, about a third; the parser was tuned looking only at the
 * others, and only their differences are printed one by one. The bar (95% recipient, 90% kind) holds on
 * the held-out set and on all mails.
 *
 * <p>A label becomes a kind as ../shared/bounces/README.md says: reason feedback is a complaint,
 * vacation an auto-reply, delivered none; otherwise softbounce 0 is hard, 1 soft, and -1 (no bounce)
 * none. A mail Sisimai finds no recipient in expects none from Paperboy either (and no kind but none); where
 * Sisimai stands in {@code undisclosed-recipient-in-headers@libsisimai.org.invalid} for a recipient the report does
 * not name (a feedback report without Original-Rcpt-To), Paperboy is expected to report that kind with no recipient.
 */
class SisimaiCorpusTest {

    /** Sisimai's stand-in when a report names no recipient; Paperboy reports none (null) then. */
    private static final java.util.regex.Pattern UNDISCLOSED = java.util.regex.Pattern.compile("undisclosed-.*-in-headers@libsisimai\\.org\\.invalid");
    private static final String NO_ADDRESS = "(none)";
    static final Path CORPUS = Path.of(System.getProperty("bounces.sisimai", "../shared/bounces"));

    /** What Sisimai reads for one recipient. */
    record Label(String kind, String reason, String feedbackType) {
    }

    /** Agreement counts for one set of mails. */
    static final class Tally {
        int mails;
        int recipients;
        int kinds;
        int reasons;

        void add(boolean recipient, boolean kind, boolean reason) {
            mails++;
            recipients += recipient ? 1 : 0;
            kinds += kind ? 1 : 0;
            reasons += reason ? 1 : 0;
        }

        double recipientPct() {
            return pct(recipients);
        }

        double kindPct() {
            return pct(kinds);
        }

        double pct(int n) {
            return mails == 0 ? 0 : 100.0 * n / mails;
        }

        @Override
        public String toString() {
            return String.format("%3d mails  recipient %5.1f%%  kind %5.1f%%  reason %5.1f%%", mails, pct(recipients), pct(kinds), pct(reasons));
        }
    }

    @Test
    void namesTheSameRecipientsAndKindsAsSisimai() throws IOException {
        Path labelsFile = CORPUS.resolve("sisimai-labels.json");
        assumeTrue(Files.isRegularFile(labelsFile), "no labelled bounces at " + CORPUS.toAbsolutePath() + "; skipping");
        Map<String, Map<String, Label>> expected = labels(labelsFile);
        BounceParser parser = new BounceParser();
        Tally tune = new Tally();
        Tally heldOut = new Tally();
        List<String> deliberateTune = new ArrayList<>();
        List<String> deliberateHeldOut = new ArrayList<>();
        Tally all = new Tally();
        Map<String, Tally> tuneBySystem = new TreeMap<>();
        Map<String, Tally> heldOutBySystem = new TreeMap<>();
        List<String> tuneMisses = new ArrayList<>();
        for (Map.Entry<String, Map<String, Label>> e : expected.entrySet()) {
            String file = e.getKey();
            Map<String, Label> want = e.getValue();
            Map<String, Report> got = new LinkedHashMap<>();
            boolean actionableWithoutRecipient = false;
            for (Report r : parser.parse(Files.readAllBytes(CORPUS.resolve("mail").resolve(file))).reports()) {
                if (r.recipient() != null) {
                    got.putIfAbsent(r.recipient(), r);
                } else if (want.containsKey(NO_ADDRESS)) {
                    got.putIfAbsent(NO_ADDRESS, r);
                } else if (r.kind() != Kind.NONE) {
                    actionableWithoutRecipient = true;
                }
            }
            boolean recipientOk = got.keySet().equals(want.keySet());
            boolean kindOk = !actionableWithoutRecipient;
            boolean reasonOk = true;
            if (want.isEmpty()) {
                kindOk &= got.values().stream().allMatch(r -> r.kind() == Kind.NONE);
                reasonOk = got.isEmpty();
            }
            for (Map.Entry<String, Label> w : want.entrySet()) {
                Report r = got.get(w.getKey());
                kindOk &= r != null && r.kind().label().equals(w.getValue().kind());
                reasonOk &= r != null && r.reason().equals(w.getValue().reason());
            }
            boolean held = heldOut(file);
            String system = system(file);
            all.add(recipientOk, kindOk, reasonOk);
            if (!(recipientOk && kindOk) && deliberate(want)) {
                (held ? deliberateHeldOut : deliberateTune).add(file);
            }
            (held ? heldOut : tune).add(recipientOk, kindOk, reasonOk);
            (held ? heldOutBySystem : tuneBySystem).computeIfAbsent(system, s -> new Tally()).add(recipientOk, kindOk, reasonOk);
            if (!held && !(recipientOk && kindOk && reasonOk)) {
                tuneMisses.add(file + ": Paperboy " + describe(got) + "  Sisimai " + want);
            }
        }
        System.out.println("Agreement with Sisimai 4.25.15 (recipients as a set, kind and reason per recipient)");
        System.out.println("  tune     " + tune);
        System.out.println("  held-out " + heldOut);
        System.out.println("  all      " + all);
        System.out.printf("Deliberate differences counted above: %d tune, %d held-out (feedback reports that are no reader's "
                + "complaint, or that name their Removal-Recipient)%n", deliberateTune.size(), deliberateHeldOut.size());
        System.out.println("Held-out mails by mail system:");
        heldOutBySystem.forEach((system, t) -> System.out.printf("  %-22s %s%n", system, t));
        System.out.println("Tune mails by mail system:");
        tuneBySystem.forEach((system, t) -> System.out.printf("  %-22s %s%n", system, t));
        tuneMisses.forEach(m -> System.out.println("  tune differs: " + m));
        assertThat(heldOut.recipientPct()).as("held-out: same recipients as Sisimai, %").isGreaterThanOrEqualTo(95.0);
        assertThat(heldOut.kindPct()).as("held-out: same kind as Sisimai, %").isGreaterThanOrEqualTo(90.0);
        assertThat(all.recipientPct()).as("all: same recipients as Sisimai, %").isGreaterThanOrEqualTo(95.0);
        assertThat(all.kindPct()).as("all: same kind as Sisimai, %").isGreaterThanOrEqualTo(90.0);
    }

    /**
     * Where Paperboy differs on purpose: an RFC 6591 authentication-failure (or dkim, spf, not-spam) report is no
     * reader's complaint (Sisimai calls every feedback report one), and an opt-out report names its reader in
     * Removal-Recipient (Sisimai 4.25 reads no recipient there).
     */
    private static boolean deliberate(Map<String, Label> want) {
        return want.values().stream().anyMatch(l -> l.reason().equals("feedback")
                && List.of("auth-failure", "dkim", "spf", "not-spam", "opt-out").contains(l.feedbackType()));
    }

    private static String describe(Map<String, Report> got) {
        StringBuilder s = new StringBuilder("{");
        got.forEach((a, r) -> s.append(a).append('=').append(r.kind().label()).append('/').append(r.reason()).append('/')
                .append(r.status()).append(' '));
        return s.append('}').toString();
    }

    /** Held out: the first byte of the SHA-256 of the file name is 0 mod 3. */
    static boolean heldOut(String file) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(file.getBytes(StandardCharsets.UTF_8));
            return (hash[0] & 0xff) % 3 == 0;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    /** lhost-postfix-07.eml is postfix, rhost-google-02.eml rhost-google, rfc3464-11.eml rfc3464. */
    static String system(String file) {
        String name = file.replaceAll("-\\d+\\.eml$", "");
        return name.startsWith("lhost-") ? name.substring("lhost-".length()) : name;
    }

    private static Map<String, Map<String, Label>> labels(Path file) throws IOException {
        Map<String, Map<String, Label>> byFile = new TreeMap<>();
        for (JsonNode n : new ObjectMapper().readTree(file.toFile())) {
            Map<String, Label> recipients = byFile.computeIfAbsent(n.path("file").asText(), f -> new LinkedHashMap<>());
            String recipient = n.path("recipient").asText("").toLowerCase(java.util.Locale.ROOT);
            if (UNDISCLOSED.matcher(recipient).matches()) {
                recipient = NO_ADDRESS;
            }
            if (!recipient.isEmpty() && !n.path("recipient").isNull()) {
                String reason = n.path("reason").asText("");
                recipients.putIfAbsent(recipient, new Label(kind(reason, n.path("softbounce").asInt(-1)), reason,
                        n.path("feedbacktype").asText("")));
            }
        }
        return byFile;
    }

    static String kind(String reason, int softbounce) {
        return switch (reason) {
            case "feedback" -> "complaint";
            case "vacation" -> "autoreply";
            case "delivered" -> "none";
            default -> softbounce == 0 ? "hard" : softbounce == 1 ? "soft" : "none";
        };
    }
}
