package org.paperboy.ranking;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.paperboy.papers.Paper;

/**
 * A representation's vectors kept on disk by paper id, so that a slow one (a sentence embedding model
 * in {@code bench/taste.sh}) is computed once for the arXiv days: an int count, then for each paper
 * its id (modified UTF-8), the byte length and {@link PaperVectors#encode} of its vector.
 */
public final class CachedVectors {

    private CachedVectors() {
    }

    /** {@code representation}, reading and extending the vectors kept in {@code file}. */
    public static PaperVectors cached(PaperVectors representation, Path file) throws IOException {
        Map<String, float[]> cache = read(file);
        return new PaperVectors(representation.model(), papers -> {
            List<Paper> missing = papers.stream().filter(p -> !cache.containsKey(p.id())).toList();
            if (!missing.isEmpty()) {
                float[][] computed = representation.vectors(missing);
                for (int i = 0; i < computed.length; i++) {
                    cache.put(missing.get(i).id(), computed[i]);
                }
                write(cache, file);
            }
            return vectorsOf(papers, cache, file);
        });
    }

    /** The vectors kept in {@code file} alone; a paper that is not there is an error naming the file. */
    public static PaperVectors read(String model, Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException(file + " does not exist: run bench/taste.sh with that representation first");
        }
        Map<String, float[]> cache = read(file);
        return new PaperVectors(model, papers -> vectorsOf(papers, cache, file));
    }

    private static float[][] vectorsOf(List<Paper> papers, Map<String, float[]> cache, Path file) {
        float[][] out = new float[papers.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = cache.get(papers.get(i).id());
            if (out[i] == null) {
                throw new IllegalStateException(file + " has no vector for paper " + papers.get(i).id());
            }
        }
        return out;
    }

    private static Map<String, float[]> read(Path file) throws IOException {
        Map<String, float[]> cache = new HashMap<>();
        if (Files.exists(file)) {
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                int n = in.readInt();
                for (int i = 0; i < n; i++) {
                    String id = in.readUTF();
                    byte[] bytes = new byte[in.readInt()];
                    in.readFully(bytes);
                    cache.put(id, PaperVectors.decode(bytes));
                }
            }
        }
        return cache;
    }

    private static void write(Map<String, float[]> cache, Path file) {
        try {
            Files.createDirectories(file.getParent());
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
                out.writeInt(cache.size());
                for (Map.Entry<String, float[]> e : cache.entrySet()) {
                    out.writeUTF(e.getKey());
                    byte[] bytes = PaperVectors.encode(e.getValue());
                    out.writeInt(bytes.length);
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
