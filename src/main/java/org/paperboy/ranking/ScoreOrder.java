package org.paperboy.ranking;

import java.util.Arrays;

/**
 * Paper indices best first (ties by index), sorted only as far as they are read: a reader's votes
 * move most of the day's papers, but a digest reads a few dozen of them, so the rest stay in a heap.
 */
final class ScoreOrder {

    private final double[] scores;
    private final int[] heap;
    private int heapSize;
    private final int[] sorted;
    private int sortedSize;

    private ScoreOrder(int[] sorted, int sortedSize, int[] heap, int heapSize, double[] scores) {
        this.sorted = sorted;
        this.sortedSize = sortedSize;
        this.heap = heap;
        this.heapSize = heapSize;
        this.scores = scores;
    }

    /** An order already sorted. */
    static ScoreOrder of(int[] sorted) {
        return new ScoreOrder(sorted, sorted.length, new int[0], 0, null);
    }

    /** The first {@code n} of {@code indices}, to be sorted by {@code scores} as they are read. */
    static ScoreOrder lazily(int[] indices, int n, double[] scores) {
        int[] heap = Arrays.copyOf(indices, n);
        ScoreOrder order = new ScoreOrder(new int[n], 0, heap, n, scores);
        for (int i = n / 2 - 1; i >= 0; i--) {
            order.siftDown(i);
        }
        return order;
    }

    int length() {
        return sortedSize + heapSize;
    }

    /** The {@code k}-th best index, from 0. */
    int at(int k) {
        while (sortedSize <= k) {
            sorted[sortedSize++] = heap[0];
            heap[0] = heap[--heapSize];
            siftDown(0);
        }
        return sorted[k];
    }

    private void siftDown(int i) {
        while (true) {
            int best = i;
            int left = 2 * i + 1;
            int right = left + 1;
            if (left < heapSize && before(heap[left], heap[best])) {
                best = left;
            }
            if (right < heapSize && before(heap[right], heap[best])) {
                best = right;
            }
            if (best == i) {
                return;
            }
            int t = heap[i];
            heap[i] = heap[best];
            heap[best] = t;
            i = best;
        }
    }

    private boolean before(int a, int b) {
        return scores[a] > scores[b] || (scores[a] == scores[b] && a < b);
    }
}
