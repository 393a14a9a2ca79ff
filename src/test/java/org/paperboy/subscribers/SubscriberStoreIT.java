package org.paperboy.subscribers;

import org.paperboy.store.Database;
import org.paperboy.store.DatabaseConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paperboy.ranking.Preferences;
import org.paperboy.testing.Databases;

/** The subscriber store on a real SQLite file and a real PostgreSQL. */
class SubscriberStoreIT {

    @TempDir
    Path dir;

    private Database db;
    private final Instant now = Instant.parse("2026-11-20T08:00:00Z");

    private SubscriberStore open(String kind) {
        db = Database.open(new DatabaseConfig(Databases.fresh(kind, dir), null, null, 2));
        return new SubscriberStore(db);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private Consent cli() {
        return new Consent("cli", null, null, "v1", now);
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void storesTheAddressWithItsDomainLowerCasedAndUnique(String kind) {
        SubscriberStore store = open(kind);
        var first = store.subscribe("Alice@Example.ORG", Preferences.of(List.of("rl"), List.of("bandit")), Frequency.WEEKLY, cli(), true);
        assertThat(first.subscriber().email()).isEqualTo("Alice@example.org");
        assertThat(first.subscriber().topics()).containsExactly("rl");
        assertThat(first.subscriber().frequency()).isEqualTo(Frequency.WEEKLY);
        assertThat(first.subscriber().confirmedAt()).isEqualTo(now);
        var again = store.subscribe("alice@EXAMPLE.org", Preferences.NONE, Frequency.DAILY, cli(), false);
        assertThat(again.outcome()).isEqualTo(SubscriberStore.Outcome.ALREADY_CONFIRMED);
        assertThat(store.list(null)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void rejectsAddressesThatAreNotStrictRfc5322(String kind) {
        SubscriberStore store = open(kind);
        for (String bad : new String[] {"no-at-sign", "a@b", "Alice <alice@example.org>", "a@example.org\r\nBcc: x@y.org",
                "x".repeat(250) + "@example.org", "a b@example.org"}) {
            assertThatThrownBy(() -> store.subscribe(bad, Preferences.NONE, Frequency.DAILY, cli(), true))
                    .as(bad).isInstanceOf(EmailAddress.InvalidAddressException.class);
        }
        assertThat(store.list(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void anUnsubscribedReaderKeepsTheirRowAndIsNotReaddedWithoutTheirConsent(String kind) {
        SubscriberStore store = open(kind);
        long id = store.subscribe("bob@example.org", Preferences.NONE, Frequency.DAILY, cli(), true).subscriber().id();
        assertThat(store.unsubscribe(id, now.plusSeconds(60), UnsubscribeReason.USER)).isTrue();
        assertThat(store.unsubscribe(id, now.plusSeconds(120), UnsubscribeReason.ADMIN)).isTrue();
        Subscriber bob = store.find(id).orElseThrow();
        assertThat(bob.status()).isEqualTo(Status.UNSUBSCRIBED);
        assertThat(bob.unsubscribedAt()).isEqualTo(now.plusSeconds(60));
        assertThat(bob.unsubscribeReason()).isEqualTo(UnsubscribeReason.USER);
        store.unsubscribe(id, now.plusSeconds(180), UnsubscribeReason.COMPLAINT);
        assertThat(store.find(id).orElseThrow().unsubscribeReason()).isEqualTo(UnsubscribeReason.COMPLAINT);
        assertThat(store.find(id).orElseThrow().unsubscribedAt()).isEqualTo(now.plusSeconds(60));
        assertThat(store.subscribe("bob@example.org", Preferences.NONE, Frequency.DAILY, cli(), true).outcome())
                .isEqualTo(SubscriberStore.Outcome.REFUSED_UNSUBSCRIBED);
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(Status.UNSUBSCRIBED);
        assertThat(store.subscribe("bob@example.org", Preferences.NONE, Frequency.DAILY, cli(), false).outcome())
                .isEqualTo(SubscriberStore.Outcome.RESUBSCRIBING);
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(Status.PENDING);
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void aConfirmationTokenWorksOnceAndOnlyBeforeItExpires(String kind) {
        SubscriberStore store = open(kind);
        long id = store.subscribe("carol@example.org", Preferences.NONE, Frequency.DAILY, cli(), false).subscriber().id();
        Duration validity = Duration.ofHours(72);
        Duration oncePerHour = Duration.ofHours(1);
        Instant afterExpiry = now.plus(validity).plusSeconds(3600);
        boolean first = store.startConfirmation(id, "hash-1", now, validity, oncePerHour,
                new SubscriberStore.QueuedMail("sealed-1", "key-1", now.plus(validity))).queued();
        SubscriberStore.ConfirmationStart second = store.startConfirmation(id, "hash-2", now.plusSeconds(600), validity, oncePerHour,
                new SubscriberStore.QueuedMail("sealed-2", "key-2", now.plus(validity)));
        assertThat(first).isTrue();
        assertThat(second.queued()).as("a second mail within the hour").isFalse();
        assertThat(second.lastRequestedAt()).as("when the first was asked for").isEqualTo(now);
        assertThat(second.waiting()).as("the first is still in the queue, not tried yet").contains("not tried yet");
        assertThat(store.confirm("hash-1", afterExpiry)).isEqualTo(SubscriberStore.Confirmation.EXPIRED);
        assertThat(store.confirm("hash-1", now.plusSeconds(5))).isEqualTo(SubscriberStore.Confirmation.CONFIRMED);
        assertThat(store.confirm("hash-1", now.plusSeconds(6))).isEqualTo(SubscriberStore.Confirmation.USED);
        assertThat(store.confirm("nope", now)).isEqualTo(SubscriberStore.Confirmation.UNKNOWN);
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(Status.CONFIRMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {Databases.SQLITE, Databases.POSTGRES})
    void hardBouncesBeyondTheThresholdMarkTheReaderBounced(String kind) {
        SubscriberStore store = open(kind);
        long id = store.subscribe("dave@example.org", Preferences.NONE, Frequency.DAILY, cli(), true).subscriber().id();
        store.recordHardBounce(id, 2);
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(Status.CONFIRMED);
        store.recordHardBounce(id, 2);
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(Status.BOUNCED);
        assertThat(store.list(Status.CONFIRMED)).isEmpty();
    }
}
