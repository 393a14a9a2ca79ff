package org.paperboy.papers;

import java.util.List;

/** The formats Paperboy reads, asked in order whether they accept an input's content. */
final class SourceRegistry {

    private final List<PaperSource> sources;

    SourceRegistry(List<PaperSource> sources) {
        this.sources = List.copyOf(sources);
    }

    static SourceRegistry standard() {
        return new SourceRegistry(List.of(new HfDailySource(), new ArxivAtomSource(), new SeedListSource(), new SeedPageSource()));
    }

    PaperSource pick(SourceInput input) {
        Head head = Head.read(input);
        for (PaperSource source : sources) {
            if (source.accepts(head)) {
                return source;
            }
        }
        String first = head.lines().isEmpty() ? "" : HfDailySource.abbreviate(head.lines().get(0));
        throw new SourceFormatException(input.name() + ": unknown format (starts with \"" + first + "\"); expected one of: "
                + String.join(", ", sources.stream().map(PaperSource::format).toList()));
    }
}
