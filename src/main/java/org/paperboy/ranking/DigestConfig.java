package org.paperboy.ranking;

import org.paperboy.ConfigRange;

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

    public DigestConfig {
        onlyChosenTopics = onlyChosenTopics != null && onlyChosenTopics;
        leadPapers = ConfigRange.within("digest.leadPapers", leadPapers, 3, 0, 20);
        papersPerSection = ConfigRange.within("digest.papersPerSection", papersPerSection, 4, 1, 50);
        maxSections = ConfigRange.within("digest.maxSections", maxSections, 6, 1, 50);
        maxPapers = ConfigRange.within("digest.maxPapers", maxPapers, 25, 1, 200);
        trendingPapers = ConfigRange.within("digest.trendingPapers", trendingPapers, 3, 0, 10);
        images = images != null && images;
    }
}
