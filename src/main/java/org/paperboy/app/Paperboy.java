package org.paperboy.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.paperboy.delivery.DeliveryConfig;
import org.paperboy.delivery.DeliveryReport;
import org.paperboy.delivery.DeliveryRun;
import org.paperboy.digest.DigestRenderer;
import org.paperboy.digest.PreviewWriter;
import org.paperboy.mail.Mailer;
import org.paperboy.mail.OutboxFolder;
import org.paperboy.mail.SmtpMailer;
import org.paperboy.mail.Verp;
import org.paperboy.papers.PaperLoader;
import org.paperboy.ranking.Classified;
import org.paperboy.ranking.Classifier;
import org.paperboy.ranking.Ranker;
import org.paperboy.ranking.RankingConfig;
import org.paperboy.ranking.Taxonomy;
import org.paperboy.ranking.Topic;
import org.paperboy.schedule.DailyJob;
import org.paperboy.schedule.DailySchedule;
import org.paperboy.stats.Stats;
import org.paperboy.store.Database;
import org.paperboy.subscribers.ConfirmationCourier;
import org.paperboy.subscribers.MailRetry;
import org.paperboy.subscribers.SubscriberStore;
import org.paperboy.subscribers.SubscriptionService;
import org.paperboy.subscribers.TokenSecret;
import org.paperboy.subscribers.Tokens;

/**
 * The pipeline, wired from config. This is the one place the pieces are put together: the CLI,
 * the scheduler and the tests all call {@link #wire}. The database is opened on first use, so
 * commands that do not need it (papers, rank, digest) leave no files behind.
 */
public final class Paperboy implements AutoCloseable {

    private final PaperboyConfig config;
    private final Clock clock;
    private final PaperLoader loader;
    private final Classifier classifier;
    private final DigestRenderer renderer;
    private final Mailer mailer;
    private Database database;
    private SubscriptionService subscriptions;
    private Tokens tokens;
    private Verp verp;

    private Paperboy(PaperboyConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        String topicsFile = config.ranking().topicsFile();
        // the default path falls back to the copy in the jar, so the jar runs from any directory
        boolean isDefault = topicsFile.equals(RankingConfig.DEFAULTS.topicsFile());
        Taxonomy taxonomy = Taxonomy.load(Path.of(topicsFile), isDefault);
        this.loader = new PaperLoader(config.papers());
        this.classifier = new Classifier(taxonomy, config.ranking().minTopicScore());
        this.renderer = new DigestRenderer(config.email(), config.digest().images());
        this.mailer = config.smtp().host() == null ? new OutboxFolder(config.smtp(), clock) : new SmtpMailer(config.smtp(), this::verp);
    }

    public static Paperboy wire(PaperboyConfig config) {
        return new Paperboy(config, Clock.systemUTC());
    }

    public static Paperboy wire(PaperboyConfig config, Clock clock) {
        return new Paperboy(config, clock);
    }

    public PaperboyConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public PaperLoader loader() {
        return loader;
    }

    public Classifier classifier() {
        return classifier;
    }

    public DigestRenderer renderer() {
        return renderer;
    }

    public Mailer mailer() {
        return mailer;
    }

    public List<String> topicSlugs() {
        return classifier.taxonomy().topics().stream().map(Topic::slug).toList();
    }

    /** Loads the sources (the configured ones when empty) and classifies every paper once. */
    public Classified classify(List<String> sources, LocalDate date) {
        PaperLoader.Loaded loaded = sources == null || sources.isEmpty() ? loader.load(date) : loader.load(sources, date);
        return classifier.classify(loaded.papers());
    }

    /** Loads, classifies and prepares the ranking of one day. */
    public Ranker ranker(List<String> sources, LocalDate date) {
        return dayRanker(classify(sources, date), date);
    }

    /**
     * The ranking of the week ending on the date, for weekly readers: a source with {@code {date}} is
     * loaded for each of the seven days; other sources are read once.
     */
    public Ranker weeklyRanker(List<String> sources, LocalDate date) {
        return weekRanker(classify(week(sources, date), date), date);
    }

    private Ranker dayRanker(Classified classified, LocalDate date) {
        return new Ranker(classified, classifier.taxonomy(), date, config.ranking(), config.digest());
    }

    private Ranker weekRanker(Classified classified, LocalDate date) {
        return new Ranker(classified, classifier.taxonomy(), date, config.ranking(), config.digest(), Ranker.WEEK);
    }

    private List<String> week(List<String> sources, LocalDate date) {
        List<String> week = new ArrayList<>();
        for (String source : named(sources)) {
            if (source.contains("{date}")) {
                for (int back = 6; back >= 0; back--) {
                    week.add(source.replace("{date}", date.minusDays(back).toString()));
                }
            } else {
                week.add(source);
            }
        }
        return week;
    }

    private List<String> named(List<String> sources) {
        return sources == null || sources.isEmpty() ? config.papers().sources() : sources;
    }

    /** One send of a date through the outbox: what {@code send} and the daily job run. */
    public DeliveryRun deliveryRun() {
        return new DeliveryRun(deliveryParts());
    }

    /** The parts deliveries are made of: runs, and the admin page's copies. */
    public DeliveryRun.Parts deliveryParts() {
        return new DeliveryRun.Parts(database(), subscribers(), subscriptions(), mailer, renderer,
                config.email().listName(), config.email().publicBaseUrl() + "/", config.smtp(), config.delivery(), clock,
                config.schedule().clustered(), node());
    }

    /**
     * Loads and ranks the date, plans the outbox, delivers; records nothing (see {@link DailyRun},
     * which the CLI's {@code send} and the scheduler's job both call).
     */
    public DeliveryReport send(DeliveryRun run, LocalDate day, List<String> sources, DeliveryRun.Options options) {
        return send(run, day, rankings(sources), options, null);
    }

    /** As {@link #send}, on rankings loaded once; also writes the day's general digest as preview files under {@code previewDir} when it is set. */
    DeliveryReport send(DeliveryRun run, LocalDate day, DayRankings rankings, DeliveryRun.Options options, Path previewDir) {
        if (previewDir != null) {
            new PreviewWriter(renderer, config.email()).write(previewDir, day,
                    List.of(new PreviewWriter.Variant("", "General digest", renderer.render(rankings.daily(day).general()))));
        }
        return run.run(day, rankings, options);
    }

    /** The rankings of the sources (the configured ones when empty) by date, each loaded once. */
    DayRankings rankings(List<String> sources) {
        return new DayRankings(named(sources), (week, date) -> classify(week ? week(sources, date) : sources, date), this::dayRanker,
                this::weekRanker);
    }

    /** The daily job as the scheduler runs it: the same {@link DailyRun} as {@code send}, on the configured sources. */
    public DailyJob dailyJob() {
        return DailyRun.job(this);
    }

    /** The scheduler on this installation's database, not yet started. */
    public DailySchedule schedule() {
        return DailySchedule.open(config.schedule(), database().dataSource(), database().isPostgres(), dailyJob(), node());
    }

    /** This process's name among senders: host and process id. */
    static String node() {
        return DeliveryRun.localNode();
    }

    public synchronized Database database() {
        if (database == null) {
            database = Database.open(config.database());
        }
        return database;
    }

    /** The installation's numbers, days counted in the schedule's time zone. */
    /** Retention: folds what is older than {@code retention.days} into the roll-ups and deletes it. */
    public org.paperboy.retention.Retention retention() {
        return new org.paperboy.retention.Retention(database(), config.retention(), config.schedule().zone(), clock);
    }

    public Stats stats() {
        return new Stats(database(), config.schedule().zone(), clock);
    }

    public SubscriberStore subscribers() {
        return new SubscriberStore(database());
    }

    /** The signer of link tokens, with the installation's secret. */
    public synchronized Tokens tokens() {
        if (tokens == null) {
            tokens = new Tokens(TokenSecret.resolve(config.tokens(), database(), config.database()));
        }
        return tokens;
    }

    /** The signed VERP envelope sender of deliveries (and what reads it back from returned mail). */
    public synchronized Verp verp() {
        if (verp == null) {
            verp = new Verp(config.smtp().envelopeSender(), tokens());
        }
        return verp;
    }

    public synchronized SubscriptionService subscriptions() {
        if (subscriptions == null) {
            Tokens tokens = tokens();
            DeliveryConfig delivery = config.delivery();
            // confirmation mails retry as digests do; a maxAgeDays of 0 still gives them a day (and never past the link's 72 hours)
            // a claim outlasts the slowest single send the SMTP timeouts allow (connect, six replies, the data)
            long slowestSend = config.smtp().connectTimeoutSeconds() + 6L * config.smtp().readTimeoutSeconds()
                    + config.smtp().writeTimeoutSeconds();
            MailRetry retry = new MailRetry(delivery::backoff, Duration.ofDays(Math.max(1, delivery.maxAgeDays())),
                    Duration.ofSeconds(Math.max(delivery.claimLeaseSeconds(), slowestSend)));
            subscriptions = new SubscriptionService(subscribers(), tokens,
                    new ConfirmationMail(renderer, mailer, config.email(), config.smtp(), classifier().taxonomy()),
                    config.email().publicBaseUrl(), topicSlugs(), clock, retry, node());
        }
        return subscriptions;
    }

    /** Starts draining the confirmation mail queue in the background ({@code serve}, {@code run}); close it to stop. */
    public ConfirmationCourier startConfirmations() {
        return subscriptions().confirmations().start();
    }

    /** Acts on returned mail (bounces, complaints, mailed unsubscribes) for this installation's readers. */
    public org.paperboy.bounces.BounceProcessor bounceProcessor() {
        return new org.paperboy.bounces.BounceProcessor(database(), config.bounces(), verp(),
                token -> subscriptions().byToken(Tokens.Purpose.UNSUBSCRIBE, token)
                        .map(s -> java.util.OptionalLong.of(s.id())).orElse(java.util.OptionalLong.empty()), clock);
    }

    @Override
    public synchronized void close() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
