package org.paperboy.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.paperboy.mail.MessageIds;
import org.paperboy.ranking.Digest;
import org.paperboy.ranking.PaperVectors;
import org.paperboy.ranking.Preferences;
import org.paperboy.ranking.Ranker;
import org.paperboy.ranking.Taste;
import org.paperboy.subscribers.Frequency;
import org.paperboy.subscribers.Reader;
import org.paperboy.subscribers.Status;
import org.paperboy.subscribers.SubscriberStore;

/**
 * Decides who gets what on a date: every confirmed reader due that day (daily readers every run,
 * weekly readers on their weekday) who has no outbox row for the date yet gets one, holding the
 * papers chosen for them (leaving out what they were sent before) and the Message-ID it will
 * always be sent with.
 */
final class Planner {

    static final int CHUNK = 10_000;
    private static final int MAX_CACHED = 10_000;

    private final Outbox outbox;
    private final SubscriberStore subscribers;
    private final DeliveryConfig config;
    private final String domain;

    Planner(Outbox outbox, SubscriberStore subscribers, DeliveryConfig config, String domain) {
        this.outbox = outbox;
        this.subscribers = subscribers;
        this.config = config;
        this.domain = domain;
    }

    /** A reader's planned digest, before it is stored; {@code ranker} is the ranking it came from. */
    record Plan(Reader reader, Frequency kind, Digest digest, Taste taste, Ranker ranker) {
    }

    private Tastes tastes;
    private History history;

    /**
     * Plans the date and hands each new plan to the sink (which stores it, or only counts it for a dry run).
     *
     * @param only when not null, plan just this address
     */
    void plan(LocalDate date, Ranker daily, java.util.function.Supplier<Ranker> weekly, String only, Consumer<List<Plan>> sink) {
        Set<Long> done = outbox.planned(date);
        tastes = new Tastes(subscribers.votes());
        history = new History(outbox, date, config.historyDays());
        boolean weeklyDay = date.getDayOfWeek() == config.weekday();
        List<Reader> chunk = new ArrayList<>(CHUNK);
        Consumer<List<Reader>> flush = batch -> sink.accept(plans(date, batch, daily, weekly));
        subscribers.forEachReader(Status.CONFIRMED, s -> {
            boolean due = s.frequency() == Frequency.DAILY || weeklyDay;
            if (due && !done.contains(s.id()) && (only == null || s.email().equalsIgnoreCase(only))) {
                chunk.add(s);
                if (chunk.size() == CHUNK) {
                    flush.accept(List.copyOf(chunk));
                    chunk.clear();
                }
            }
        });
        flush.accept(chunk);
    }

    /** Readers with the same preferences, votes and papers already sent get the same digest: ranked once. */
    private record DigestKey(boolean weekly, Preferences preferences, Taste taste, Set<String> sent) {
    }

    private final Map<DigestKey, Digest> ranked = new HashMap<>();

    private List<Plan> plans(LocalDate date, List<Reader> batch, Ranker daily, java.util.function.Supplier<Ranker> weekly) {
        Map<Long, Set<String>> history = this.history.of(batch.stream().map(Reader::id).toList());
        List<Long> dailyVoters = batch.stream().filter(s -> s.frequency() != Frequency.WEEKLY && tastes.voted(s.id())).map(Reader::id).toList();
        List<Long> weeklyVoters = batch.stream().filter(s -> s.frequency() == Frequency.WEEKLY && tastes.voted(s.id())).map(Reader::id).toList();
        Map<Long, Taste> byReader = new java.util.HashMap<>(tastes.of(dailyVoters, daily));
        if (!weeklyVoters.isEmpty()) {
            byReader.putAll(tastes.of(weeklyVoters, weekly.get()));
        }
        // each voter's digest is their own: ranked on every core (the ranker is thread-safe), not cached
        Map<Long, Digest> voterDigests = batch.stream().filter(s -> byReader.containsKey(s.id())).parallel()
                .collect(java.util.stream.Collectors.toConcurrentMap(Reader::id, s -> (s.frequency() == Frequency.WEEKLY ? weekly.get() : daily)
                        .rank(s.preferences(), byReader.get(s.id()), history.getOrDefault(s.id(), Set.of()))));
        List<Plan> plans = new ArrayList<>(batch.size());
        for (Reader s : batch) {
            boolean isWeekly = s.frequency() == Frequency.WEEKLY;
            Ranker ranker = isWeekly ? weekly.get() : daily;
            Set<String> sent = history.getOrDefault(s.id(), Set.of());
            Taste taste = byReader.getOrDefault(s.id(), Taste.NONE);
            if (ranked.size() > MAX_CACHED) {
                ranked.clear();
            }
            Digest digest = taste.isEmpty() ? ranked.computeIfAbsent(new DigestKey(isWeekly, s.preferences(), taste, sent),
                    k -> ranker.rank(k.preferences(), k.taste(), k.sent())) : voterDigests.get(s.id());
            if (!digest.isEmpty()) {
                plans.add(new Plan(s, isWeekly ? Frequency.WEEKLY : Frequency.DAILY, digest, taste, ranker));
            }
        }
        return plans;
    }

    /** The variant key of each digest ranked this run, worked out once per digest rather than per reader. */
    private final Map<Digest, String> variantKeys = new java.util.IdentityHashMap<>();
    /** The variants this run has stored, per date. */
    private final Set<String> storedVariants = new java.util.HashSet<>();

    /** Stores plans as pending outbox rows, with the digest variants they point at. */
    void store(LocalDate date, List<Plan> plans, Instant now) {
        if (variantKeys.size() > MAX_CACHED) {
            variantKeys.clear();
        }
        List<Outbox.Planned> rows = new ArrayList<>(plans.size());
        Map<String, List<String>> newVariants = new HashMap<>();
        Map<String, Outbox.KnownPaper> papers = new HashMap<>();
        for (Plan p : plans) {
            // a voter's digest is theirs alone: its key is worked out here and not kept, so that the run
            // does not hold every voter's digest (see DateSender, which likewise keeps only shared digests)
            String key = p.taste().isEmpty()
                    ? variantKeys.computeIfAbsent(p.digest(), d -> variantKey(p.kind().key(), p.reader().preferences().toString(), d.paperIds()))
                    : variantKey(p.kind().key(), p.reader().preferences().toString() + Tastes.key(p.taste()), p.digest().paperIds());
            if (!newVariants.containsKey(key)) {
                newVariants.put(key, p.digest().paperIds());
                if (!storedVariants.contains(date + "/" + key)) {
                    remember(p.digest(), p.ranker(), papers);
                }
            }
            rows.add(new Outbox.Planned(p.reader().id(), p.kind().key(), MessageIds.create(date, p.reader().id(), domain), key));
        }
        newVariants.keySet().removeIf(key -> storedVariants.contains(date + "/" + key));
        outbox.insert(date, rows, newVariants, papers.values(), now);
        newVariants.keySet().forEach(key -> storedVariants.add(date + "/" + key));
    }

    /**
     * The papers of a digest not yet kept this run, with their vectors (the day's, computed once per
     * ranking): a vote on one of them days later is learned from what was kept here.
     */
    private void remember(Digest digest, Ranker ranker, Map<String, Outbox.KnownPaper> papers) {
        for (var section : digest.sections()) {
            for (var ranked : section.papers()) {
                var paper = ranked.paper();
                if (rememberedPapers.add(paper.id())) {
                    var links = paper.links();
                    String url = links.primary();
                    float[] vector = ranker.vector(paper.id());
                    papers.put(paper.id(), new Outbox.KnownPaper(paper.id(), paper.title(), url, ranker.representation(),
                            vector == null ? null : PaperVectors.encode(vector)));
                }
            }
        }
    }

    /** The papers this run has kept. */
    private final Set<String> rememberedPapers = new java.util.HashSet<>();

    /** Rows with the same key get the same digest; the outbox is sent in key order so each is rendered once. */
    static String variantKey(String kind, String preferences, List<String> paperIds) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((kind + "|" + preferences + "|" + String.join(",", paperIds)).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
