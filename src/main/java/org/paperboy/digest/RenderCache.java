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

    private final DigestRenderer renderer;
    private final Map<Key, RenderedDigest> rendered = new ConcurrentHashMap<>();

    private record Key(LocalDate date, Preferences preferences, List<String> paperIds) {
    }

    public RenderCache(DigestRenderer renderer) {
        this.renderer = renderer;
    }

    public RenderedDigest render(Digest digest) {
        return rendered.computeIfAbsent(new Key(digest.date(), digest.preferences(), digest.paperIds()), k -> renderer.render(digest));
    }

    /** How many distinct digests were rendered. */
    public int size() {
        return rendered.size();
    }
}
