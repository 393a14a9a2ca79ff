package org.paperboy.ranking;

/**
 * The {@code digest} section of the config: the digest's shape.
 *
 * @param onlyChosenTopics when true, a subscriber who chose topics gets nothing else
 * @param leadPapers       papers in the lead section, "Top papers"
 * @param papersPerSection papers per topic section at most
 * @param maxSections      topic sections at most, besides the lead
 * @param maxPapers        papers in the whole digest at most
 * @param trendingPapers   the day's most upvoted papers a personalised digest shows under "Also trending today"
 * @param images           show Hugging Face's thumbnails; off by default so the mail stays light
 */
public record DigestConfig(Boolean onlyChosenTopics, Integer leadPapers, Integer papersPerSection, Integer maxSections,
                           Integer maxPapers, Integer trendingPapers, Boolean images) {

    public static final DigestConfig DEFAULTS = new DigestConfig(null, null, null, null, null, null, null);

    public DigestConfig(Boolean onlyChosenTopics, Integer leadPapers, Integer papersPerSection, Integer maxSections,
                        Integer maxPapers) {
        this(onlyChosenTopics, leadPapers, papersPerSection, maxSections, maxPapers, null, null);
    }

    public DigestConfig {
        onlyChosenTopics = onlyChosenTopics != null && onlyChosenTopics;
        leadPapers = within("leadPapers", leadPapers, 3, 0, 20);
        papersPerSection = within("papersPerSection", papersPerSection, 4, 1, 50);
        maxSections = within("maxSections", maxSections, 6, 1, 50);
        maxPapers = within("maxPapers", maxPapers, 25, 1, 200);
        trendingPapers = within("trendingPapers", trendingPapers, 3, 0, 10);
        images = images != null && images;
    }

    private static int within(String key, Integer value, int fallback, int min, int max) {
        int v = value == null ? fallback : value;
        if (v < min || v > max) {
            throw new IllegalArgumentException("digest." + key + " must be between " + min + " and " + max + ", got " + v);
        }
        return v;
    }
}
