package org.paperboy.subscribers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.paperboy.ConfigException;
import org.paperboy.ranking.Preferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Double opt-in and its way back out: subscribe (a confirmation mail, at most one per address per
 * hour), confirm with a one-time token, change preferences and unsubscribe through signed links.
 * The CLI and the web pages both go through here. A confirmation mail is queued in the transaction
 * that stores its token, and taken to the server by the {@link ConfirmationCourier}: an SMTP outage
 * delays it, and loses none.
 */
public final class SubscriptionService {

    public static final String CONSENT_TEXT_VERSION = "2026-11-v1";
    static final Duration TOKEN_VALIDITY = Duration.ofHours(72);
    static final Duration MAIL_INTERVAL = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionService.class);

    private final SubscriberStore store;
    private final Tokens tokens;
    private final String baseUrl;
    private final List<String> topics;
    private final Clock clock;
    private final MailRetry retry;
    private final ConfirmationCourier courier;

    /** What a subscription did: the store's outcome, the subscriber as they now stand, and their confirmation mail. */
    public record Subscribed(SubscriberStore.Outcome outcome, Subscriber subscriber, ConfirmationStatus mail) {
    }

    /**
     * @param baseUrl where the subscription pages are reached, for the links in mails
     * @param topics  the topic slugs readers may choose
     * @param retry   how queued confirmation mails are retried
     * @param node    this process among the senders (host:pid), on its claims of queued mail
     */
    public SubscriptionService(SubscriberStore store, Tokens tokens, ConfirmationSender sender, String baseUrl,
                               List<String> topics, Clock clock, MailRetry retry, String node) {
        this.store = store;
        this.tokens = tokens;
        this.baseUrl = baseUrl;
        this.topics = List.copyOf(topics);
        this.clock = clock;
        this.retry = retry;
        this.courier = new ConfirmationCourier(new ConfirmationQueue(store.database()), store, tokens, sender, baseUrl, retry,
                clock, node);
    }

    /** What takes queued confirmation mails to the server. */
    public ConfirmationCourier confirmations() {
        return courier;
    }

    public List<String> topics() {
        return topics;
    }

    /**
     * Subscribes a person. Unless {@code confirmed}, a pending subscriber is sent a confirmation mail:
     * queued with its token, then got going through {@code mailExecutor} (the web answers before the
     * mail goes, so every address takes as long): handed to the background drain when one runs in
     * this process, else tried at once and left queued when that fails. With a synchronous executor
     * the result says what became of the mail.
     */
    public Subscribed subscribe(String email, Preferences preferences, Frequency frequency, Consent consent,
                                boolean confirmed, Executor mailExecutor) {
        checkTopics(preferences);
        SubscriberStore.Subscription result = store.subscribe(email, preferences, frequency, consent, confirmed);
        Subscriber s = result.subscriber();
        if (s.status() != Status.PENDING) {
            return new Subscribed(result.outcome(), s, ConfirmationStatus.NONE);
        }
        String token = tokens.newConfirmationToken();
        Instant now = clock.instant();
        Duration age = retry.maxAge().compareTo(TOKEN_VALIDITY) < 0 ? retry.maxAge() : TOKEN_VALIDITY;
        SubscriberStore.QueuedMail mail = new SubscriberStore.QueuedMail(tokens.seal(token, s.id()), UUID.randomUUID().toString(),
                now.plus(age));
        SubscriberStore.ConfirmationStart start = store.startConfirmation(s.id(), Tokens.hash(token), now, TOKEN_VALIDITY,
                MAIL_INTERVAL, mail);
        if (!start.queued()) {
            LOG.debug("no confirmation mail for subscriber {}: one was asked for within the hour", s.id());
            Instant last = start.lastRequestedAt();
            return new Subscribed(result.outcome(), s, new ConfirmationStatus(ConfirmationStatus.Kind.LIMITED,
                    start.waiting().orElse(null), last, last == null ? null : last.plus(MAIL_INTERVAL)));
        }
        AtomicReference<ConfirmationStatus> status = new AtomicReference<>(
                new ConfirmationStatus(ConfirmationStatus.Kind.QUEUED, null, now, now));
        mailExecutor.execute(() -> status.set(courier.deliver(start.queueId())));
        return new Subscribed(result.outcome(), s, status.get());
    }

    public SubscriberStore.Confirmation confirm(String token) {
        if (token == null || token.length() > 64) {
            return SubscriberStore.Confirmation.UNKNOWN;
        }
        return store.confirm(Tokens.hash(token), clock.instant());
    }

    /** Where a confirmation link stands, changing nothing (for the page a GET shows). */
    public SubscriberStore.Confirmation confirmationState(String token) {
        if (token == null || token.length() > 64) {
            return SubscriberStore.Confirmation.UNKNOWN;
        }
        return store.confirmationState(Tokens.hash(token), clock.instant());
    }

    /** The reader a confirmation link was sent to (to name their topics once confirmed). */
    public Optional<Subscriber> byConfirmationToken(String token) {
        return token == null || token.length() > 64 ? Optional.empty() : store.byConfirmationToken(Tokens.hash(token));
    }

    /** Unsubscribes the reader a signed link was made for, from the page; false for a bad token. */
    public boolean unsubscribe(String signedToken) {
        return unsubscribe(signedToken, UnsubscribeReason.USER);
    }

    /** As {@link #unsubscribe(String)}, recording how: {@link UnsubscribeReason#ONE_CLICK} for an RFC 8058 POST. */
    public boolean unsubscribe(String signedToken, UnsubscribeReason reason) {
        OptionalLong id = tokens.verify(Tokens.Purpose.UNSUBSCRIBE, signedToken);
        return id.isPresent() && store.unsubscribe(id.getAsLong(), clock.instant(), reason);
    }

    /** The operator unsubscribes an address ({@code paperboy unsubscribe}). */
    public boolean unsubscribeAddress(String email) {
        return unsubscribeAddress(email, UnsubscribeReason.ADMIN);
    }

    public boolean unsubscribeAddress(String email, UnsubscribeReason reason) {
        Optional<Subscriber> s = store.find(email);
        return s.isPresent() && store.unsubscribe(s.get().id(), clock.instant(), reason);
    }

    /** The reader a signed link of this purpose was made for, if the token is genuine. */
    public Optional<Subscriber> byToken(Tokens.Purpose purpose, String signedToken) {
        OptionalLong id = tokens.verify(purpose, signedToken);
        return id.isPresent() ? store.find(id.getAsLong()) : Optional.empty();
    }

    public void updatePreferences(Subscriber s, Preferences preferences, Frequency frequency) {
        checkTopics(preferences);
        store.updatePreferences(s.id(), preferences, frequency);
    }

    public String unsubscribeUrl(long subscriberId) {
        return baseUrl + "/unsubscribe/" + tokens.sign(Tokens.Purpose.UNSUBSCRIBE, subscriberId);
    }

    public String preferencesUrl(long subscriberId) {
        return baseUrl + "/preferences/" + tokens.sign(Tokens.Purpose.PREFERENCES, subscriberId);
    }

    /** The token of a paper's vote links in this reader's mail ({@code /more/<token>}, {@code /fewer/<token>}). */
    public String voteToken(long subscriberId, String paperId) {
        return tokens.signVote(subscriberId, paperId);
    }

    /** The reader and paper a vote link was made for, when the reader still exists and the token is genuine. */
    public Optional<VoteLink> byVoteToken(String token) {
        Optional<Tokens.VoteToken> vote = tokens.verifyVote(token);
        if (vote.isEmpty()) {
            return Optional.empty();
        }
        return store.find(vote.get().readerId()).map(s -> new VoteLink(s, vote.get().paperId()));
    }

    /** A genuine vote link: its reader and paper. */
    public record VoteLink(Subscriber reader, String paperId) {
    }

    /** The readers' votes from the mail. */
    public Votes votes() {
        return store.votes();
    }

    public String preferencesToken(long subscriberId) {
        return tokens.sign(Tokens.Purpose.PREFERENCES, subscriberId);
    }

    public String unsubscribeToken(long subscriberId) {
        return tokens.sign(Tokens.Purpose.UNSUBSCRIBE, subscriberId);
    }

    /** Throws a {@link ConfigException} naming an unknown topic or a bad keyword. */
    public void checkTopics(Preferences preferences) {
        for (String topic : preferences.topics()) {
            if (!topics.contains(topic)) {
                throw new ConfigException("unknown topic \"" + topic + "\"; the topics are: " + String.join(", ", topics));
            }
        }
        for (String keyword : preferences.keywords()) {
            if (keyword.length() > 60 || keyword.contains(",")) {
                throw new ConfigException("keyword \"" + keyword + "\" must be at most 60 characters, without commas");
            }
        }
    }
}
