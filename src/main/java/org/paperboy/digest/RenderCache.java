package org.paperboy.digest;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.paperboy.ranking.Digest;
import org.paperboy.ranking.Preferences;

/**
 * Renders each distinct digest once: readers who get the same papers under the same preferences
 * share one {@link RenderedDigest}, and only their address and links are filled in per mail.
 */
public final class RenderCache {

    /**
     * Distinct digests kept at once. A send takes its rows in digest order, so only the few digests
     * its connections are on are in use; without a bound, a list whose readers chose thousands of
     * different keyword sets would keep every rendering of the run in memory.
     */
    public static final int MAX_KEPT = 64;

    private final DigestRenderer renderer;
    private final Map<Key, RenderedDigest> rendered = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger renders = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * The digest as it reads: its sections (papers in order, with their reasons), not only its paper
     * ids, so that two voters whose digests hold the same papers in the same order but give different
     * reasons ("like X, which you liked") never share one rendering.
     */
    private record Key(LocalDate date, LocalDate weekFrom, Preferences preferences, List<org.paperboy.ranking.Section> sections) {
    }

    public RenderCache(DigestRenderer renderer) {
        this.renderer = renderer;
    }

    public RenderedDigest render(Digest digest) {
        if (rendered.size() >= MAX_KEPT) {
            rendered.clear();
        }
        return rendered.computeIfAbsent(new Key(digest.date(), digest.weekFrom(), digest.preferences(), digest.sections()), k -> {
            renders.incrementAndGet();
            return renderer.render(digest);
        });
    }

    /** How many digests were rendered: the distinct ones, unless more than {@link #MAX_KEPT} were in use at once. */
    public int size() {
        return renders.get();
    }
}
