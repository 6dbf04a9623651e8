package io.github.icmaven.replica.execution;

import java.util.Arrays;
import java.util.BitSet;

/**
 * A canister's stable memory in 64 KiB pages. Pages are allocated on first write (untouched pages
 * read as zero) and shared copy-on-write between a memory and its {@link #copy()}, so saving the
 * state before every message costs little.
 */
final class StableMemory {
    static final int PAGE_SIZE = 64 * 1024;
    /** What the 32-bit System API can address: 4 GiB. */
    static final long MAX_PAGES_32_BIT_API = 65_536;
    /**
     * Our cap for the 64-bit API. The IC allows hundreds of GiB; the embedded replica keeps stable
     * memory in the JVM heap, and snapshots carry it as one byte array, so 2 GiB minus a page is the bound.
     */
    static final long MAX_PAGES = Integer.MAX_VALUE / PAGE_SIZE;

    private byte[][] pages;
    private int pageCount;
    /** Pages this memory may write in place; the others are shared with a copy. */
    private BitSet owned;

    StableMemory() {
        this(new byte[0][], 0, new BitSet());
    }

    private StableMemory(byte[][] pages, int pageCount, BitSet owned) {
        this.pages = pages;
        this.pageCount = pageCount;
        this.owned = owned;
    }

    /** A memory holding {@code bytes} (a multiple of 64 KiB, as snapshots store it). */
    static StableMemory of(byte[] bytes) {
        if (bytes.length % PAGE_SIZE != 0) {
            throw new IllegalArgumentException("stable memory must be a multiple of 64 KiB, got " + bytes.length + " bytes");
        }
        int count = bytes.length / PAGE_SIZE;
        byte[][] pages = new byte[count][];
        for (int i = 0; i < count; i++) {
            int from = i * PAGE_SIZE;
            if (!isZero(bytes, from)) {
                pages[i] = Arrays.copyOfRange(bytes, from, from + PAGE_SIZE);
            }
        }
        BitSet owned = new BitSet();
        owned.set(0, count);
        return new StableMemory(pages, count, owned);
    }

    StableMemory copy() {
        owned = new BitSet();
        return new StableMemory(Arrays.copyOf(pages, pages.length), pageCount, new BitSet());
    }

    long pageCount() {
        return pageCount;
    }

    long sizeInBytes() {
        return (long) pageCount * PAGE_SIZE;
    }

    /** Grows by {@code additionalPages}; returns the previous page count, or -1 when that would pass {@code maxPages}. */
    long grow(long additionalPages, long maxPages) {
        long previous = pageCount;
        if (additionalPages < 0 || previous + additionalPages > Math.min(maxPages, MAX_PAGES)) {
            return -1;
        }
        int newCount = (int) (previous + additionalPages);
        if (newCount > pages.length) {
            pages = Arrays.copyOf(pages, Math.max(newCount, Math.min((int) MAX_PAGES, pages.length * 2)));
        }
        pageCount = newCount;
        return previous;
    }

    /** @return false (and no effect) when {@code [offset, offset+length)} is not inside the memory */
    boolean read(long offset, byte[] target, int targetOffset, int length) {
        if (!inBounds(offset, length)) {
            return false;
        }
        forEachPage(offset, length, (page, inPage, done, chunk) -> {
            if (pages[page] == null) {
                Arrays.fill(target, targetOffset + done, targetOffset + done + chunk, (byte) 0);
            } else {
                System.arraycopy(pages[page], inPage, target, targetOffset + done, chunk);
            }
        });
        return true;
    }

    /** @return false (and no effect) when {@code [offset, offset+length)} is not inside the memory */
    boolean write(long offset, byte[] source, int sourceOffset, int length) {
        if (!inBounds(offset, length)) {
            return false;
        }
        forEachPage(offset, length, (page, inPage, done, chunk) ->
                System.arraycopy(source, sourceOffset + done, writablePage(page), inPage, chunk));
        return true;
    }

    /** One piece of a range that lies in a single page: {@code chunk} bytes from {@code inPage}, {@code done} into the range. */
    @FunctionalInterface
    private interface PagePiece {
        void accept(int page, int inPage, int done, int chunk);
    }

    /** Walks {@code [offset, offset+length)} page by page. */
    private static void forEachPage(long offset, int length, PagePiece piece) {
        int done = 0;
        while (done < length) {
            long position = offset + done;
            int inPage = (int) (position % PAGE_SIZE);
            int chunk = Math.min(length - done, PAGE_SIZE - inPage);
            piece.accept((int) (position / PAGE_SIZE), inPage, done, chunk);
            done += chunk;
        }
    }

    byte[] toBytes() {
        byte[] all = new byte[Math.toIntExact(sizeInBytes())];
        read(0, all, 0, all.length);
        return all;
    }

    private boolean inBounds(long offset, long length) {
        return offset >= 0 && length >= 0 && offset <= sizeInBytes() - length;
    }

    private byte[] writablePage(int page) {
        if (!owned.get(page)) {
            pages[page] = pages[page] == null ? new byte[PAGE_SIZE] : pages[page].clone();
            owned.set(page);
        } else if (pages[page] == null) {
            pages[page] = new byte[PAGE_SIZE];
        }
        return pages[page];
    }

    private static boolean isZero(byte[] bytes, int from) {
        for (int i = from; i < from + PAGE_SIZE; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
