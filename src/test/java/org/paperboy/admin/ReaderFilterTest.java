package org.paperboy.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paperboy.subscribers.Frequency;
import org.paperboy.subscribers.Status;

/** The reader list's filter as read from untrusted request parameters, and the links that carry it on. */
class ReaderFilterTest {

    static final List<String> TOPICS = List.of("rl", "llm");

    @Test
    void readsEveryKnownValueInAnyCaseAndGivesTheSameParametersBack() {
        ReaderFilter f = ReaderFilter.from(Map.of("q", " Bob ", "status", "Confirmed", "frequency", "WEEKLY", "topic", "rl",
                "returned", "complained", "from", "2026-01-01", "to", "2026-12-31")::get, TOPICS);
        assertThat(f.problems()).isEmpty();
        assertThat(f.query()).isEqualTo("Bob");
        assertThat(f.status()).isEqualTo(Status.CONFIRMED);
        assertThat(f.frequency()).isEqualTo(Frequency.WEEKLY);
        assertThat(f.returned()).isEqualTo(ReaderFilter.Returned.COMPLAINED);
        assertThat(f.joinedTo()).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(f.queryString()).isEqualTo("q=Bob&status=confirmed&frequency=weekly&topic=rl&returned=complained"
                + "&from=2026-01-01&to=2026-12-31");
        assertThat(ReaderFilter.from(f.params()::get, TOPICS)).isEqualTo(f);
    }

    @Test
    void leavesOutAndNamesWhatItDoesNotKnowAndEncodesWhatItLinks() {
        ReaderFilter f = ReaderFilter.from(Map.of("q", "a&b=c <x>", "status", "<script>", "topic", "astrology", "to", "tomorrow",
                "returned", "maybe")::get, TOPICS);
        assertThat(f.status()).isNull();
        assertThat(f.topic()).isNull();
        assertThat(f.joinedTo()).isNull();
        assertThat(f.returned()).isNull();
        assertThat(f.problems()).hasSize(4).anySatisfy(p -> assertThat(p).contains("no status \"<script>\""));
        assertThat(f.queryString()).isEqualTo("q=a%26b%3Dc+%3Cx%3E");
        assertThat(ReaderFilter.NONE.any()).isFalse();
        assertThat(ReaderFilter.from(Map.of("q", "   ")::get, TOPICS).any()).isFalse();
    }

    @Test
    void aSearchIsTakenLiterallyInLike() {
        assertThat(ReaderList.escapeLike("100%_a\\b")).isEqualTo("100\\%\\_a\\\\b");
    }

    @Test
    void aPageHoldsOneToFiveHundredRows() {
        assertThatThrownBy(() -> Keyset.Position.top(0)).hasMessageContaining("1 to 500");
        assertThatThrownBy(() -> Keyset.Position.top(501)).hasMessageContaining("1 to 500");
        Keyset.Query q = Keyset.query("SELECT id FROM subscriber", List.of("status = ?"), List.of("confirmed"),
                new Keyset.Position(null, 40L, 10));
        assertThat(q.sql()).isEqualTo("SELECT id FROM subscriber WHERE status = ? AND id > ? ORDER BY id ASC LIMIT 11");
        assertThat(q.values()).containsExactly("confirmed", 40L);
    }
}
