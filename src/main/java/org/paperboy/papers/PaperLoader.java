package org.paperboy.papers;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first stage of the pipeline: reads every source (file, directory, glob or URL), picks
 * each input's format by its content, and merges the entries into one paper each, each with a
 * link a reader can follow ({@link ReaderLinks}).
 */
public final class PaperLoader {

    private static final Logger LOG = LoggerFactory.getLogger(PaperLoader.class);

    private final PapersConfig config;
    private final SourceRegistry registry = SourceRegistry.standard();

    public PaperLoader(PapersConfig config) {
        this.config = config;
    }

    /** The merged papers of the configured sources. */
    public Loaded load(LocalDate asOf) {
        return load(config.sources(), asOf);
    }

    /**
     * The merged papers of the given sources, in first-seen order.
     *
     * @param asOf the day dates without a year are placed before, and a URL's {@code {date}}
     * @throws SourceFormatException naming the first input, line or JSON path that cannot be read
     */
    public Loaded load(List<String> sources, LocalDate asOf) {
        PaperMerger merger = new PaperMerger();
        List<String> inputs = new ArrayList<>();
        UrlFetcher fetcher = null;
        for (String source : sources) {
            List<SourceInput> expanded;
            if (UrlFetcher.isUrl(source)) {
                fetcher = fetcher == null ? new UrlFetcher(config.fetch()) : fetcher;
                expanded = List.of(fetcher.fetch(source, asOf));
            } else {
                expanded = SourceResolver.expand(source).stream().map(SourceInput::ofFile).toList();
            }
            for (SourceInput input : expanded) {
                read(input, asOf, merger);
                inputs.add(input.name());
            }
        }
        return new Loaded(merger.papers().stream().map(ReaderLinks::complete).toList(), merger.entries(), inputs);
    }

    /** Reads one file on its own, without merging; for tools and tests. */
    public List<Paper> readFile(Path file, LocalDate asOf) {
        List<Paper> papers = new ArrayList<>();
        SourceInput input = SourceInput.ofFile(file);
        registry.pick(input).read(input, asOf, papers::add);
        return papers;
    }

    private void read(SourceInput input, LocalDate asOf, PaperMerger merger) {
        PaperSource source = registry.pick(input);
        int before = merger.entries();
        source.read(input, asOf, merger);
        LOG.debug("{}: {} entries as {}", input.name(), merger.entries() - before, source.format());
    }

    /**
     * What a load produced.
     *
     * @param papers  the merged papers
     * @param entries how many entries the inputs held before merging
     * @param inputs  the files and URLs read, in order
     */
    public record Loaded(List<Paper> papers, int entries, List<String> inputs) {
        public Loaded {
            papers = List.copyOf(papers);
            inputs = List.copyOf(inputs);
        }
    }
}
