package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperboy.digest.DigestFixtures.oneSection;
import static org.paperboy.digest.DigestFixtures.paper;
import static org.paperboy.digest.DigestFixtures.ranked;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.paperboy.papers.Links;
import org.paperboy.ranking.Digest;

class RenderCacheTest {

    private final RenderCache cache = new RenderCache(new DigestRenderer(EmailConfig.DEFAULTS));

    private static Digest digest(int n) {
        return oneSection(ranked(paper("p" + n, "Paper " + n, "Abstract.", Links.NONE), List.of()));
    }

    @Test
    void readersOfOneDigestShareOneRendering() {
        RenderedDigest first = cache.render(digest(1));
        assertThat(cache.render(digest(1))).isSameAs(first);
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void itKeepsABoundedNumberOfDigestsAndRendersAnOldOneAgainWhenAsked() {
        RenderedDigest first = cache.render(digest(0));
        for (int n = 1; n <= RenderCache.MAX_KEPT; n++) {
            cache.render(digest(n));
        }
        assertThat(cache.size()).isEqualTo(RenderCache.MAX_KEPT + 1);
        RenderedDigest again = cache.render(digest(0));
        assertThat(again).isNotSameAs(first);
        assertThat(again.fill("a@example.org", "https://x.test/u", "https://x.test/p"))
                .isEqualTo(first.fill("a@example.org", "https://x.test/u", "https://x.test/p"));
        assertThat(cache.size()).isEqualTo(RenderCache.MAX_KEPT + 2);
    }

    @Test
    void digestsWithTheSamePapersButOtherReasonsAreRenderedApart() {
        var paper = paper("p1", "Paper 1", "Abstract.", Links.NONE);
        Digest liked = oneSection(new org.paperboy.ranking.RankedPaper(paper, "rl", "Reinforcement learning", 1.5,
                List.of("like \"RobustDexGrasp\", which you liked"), List.of()));
        Digest other = oneSection(new org.paperboy.ranking.RankedPaper(paper, "rl", "Reinforcement learning", 1.5,
                List.of("like \"WorldModels\", which you liked"), List.of()));

        String first = cache.render(liked).fill("a@example.org", "https://x.test/u", "https://x.test/p").html();
        String second = cache.render(other).fill("b@example.org", "https://x.test/u", "https://x.test/p").html();

        assertThat(first).contains("RobustDexGrasp").doesNotContain("WorldModels");
        assertThat(second).contains("WorldModels").doesNotContain("RobustDexGrasp");
        assertThat(cache.size()).isEqualTo(2);
    }
}
