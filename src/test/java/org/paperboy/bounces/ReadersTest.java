package org.paperboy.bounces;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.paperboy.mail.MessageIds;
import org.paperboy.mail.Verp;
import org.paperboy.subscribers.Tokens;

/** What a returned mail's bytes offer as proof, before the database is asked. */
class ReadersTest {

    static final Tokens TOKENS = new Tokens("readers-test-secret-0123456789");
    static final Verp VERP = new Verp("bounces+{verp}@paperboy.test", TOKENS);
    static final Readers READERS = new Readers(new BounceEvents(3, Duration.ofDays(30)), VERP);
    static final ReturnedMail NOTHING = new ReturnedMail(null, List.of(), null,
            List.of(new Report(null, null, Kind.NONE, null, "none", "")), false);

    @Test
    void findsSignedAddressesAndOurMessageIdsWhereverTheMailCarriesThem() {
        String id = "pb.20261207.42.0123456789abcdef@paperboy.test";
        String sender = org.paperboy.mail.VerpProbe.sender("bounces+{verp}@paperboy.test", VERP, id);
        String mail = "To: " + sender + "\nSubject: x\n\nquoted-printable: Message-ID: =3C" + id + "=3E\n"
                + "References: <other@example.org> <pb.20261207.43.00ff@paperboy.test>\nfake: bounces+42-20261207-aaaaaaaaaaaa@paperboy.test\n";
        Readers.Candidates found = READERS.candidates(mail.getBytes(StandardCharsets.ISO_8859_1), NOTHING);
        assertThat(found.verp()).containsExactly(new MessageIds.Row(LocalDate.of(2026, 12, 7), 42));
        assertThat(found.messageIds()).containsExactly(id, "pb.20261207.43.00ff@paperboy.test");
    }

    @Test
    void aHostileMailIsScannedWithBoundedCandidates() {
        byte[] ats = new byte[8 << 20];
        Arrays.fill(ats, (byte) '@');
        byte[] letters = new byte[8 << 20];
        Arrays.fill(letters, (byte) 'a');
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            many.append("<pb.20261207.").append(i).append(".ab@paperboy.test>\n");
        }
        // the scan looks at most 64 + 255 bytes around each '@' of the first MB: linear, whatever the mail
        assertThat(READERS.candidates(ats, NOTHING).messageIds()).isEmpty();
        assertThat(READERS.candidates(letters, NOTHING).messageIds()).isEmpty();
        assertThat(READERS.candidates(many.toString().getBytes(StandardCharsets.US_ASCII), NOTHING).messageIds())
                .hasSize(Readers.MAX_CANDIDATES);
    }
}
