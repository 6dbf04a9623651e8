package io.github.icmaven.core.ic.identity;

import java.util.Arrays;

/**
 * Reads the DER elements of one byte range, in order: only what a PKCS#8 private key needs (single-byte tags,
 * definite lengths). Loading BouncyCastle's ASN.1 classes costs a fresh JVM more than everything else an
 * Ed25519 identity needs, so the common case reads its PEM with this instead.
 */
final class DerReader {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int OBJECT_IDENTIFIER = 0x06;
    static final int SEQUENCE = 0x30;
    /** Context-specific, constructed: {@code [n]} is {@code CONTEXT_CONSTRUCTED | n}. */
    static final int CONTEXT_CONSTRUCTED = 0xa0;
    /** Context-specific, primitive: {@code [n] IMPLICIT} of a primitive type. */
    static final int CONTEXT_PRIMITIVE = 0x80;

    /** The DER is not what the reader expected; the message names the problem, never the bytes. */
    static final class MalformedDerException extends Exception {
        MalformedDerException(String message) {
            super(message);
        }
    }

    /** One tag-length-value element; {@link #contents} and {@link #encoded} copy its bytes. */
    record Element(int tag, byte[] buffer, int headerStart, int contentsStart, int contentsEnd) {
        byte[] contents() {
            return Arrays.copyOfRange(buffer, contentsStart, contentsEnd);
        }

        /** The whole element, tag and length included. */
        byte[] encoded() {
            return Arrays.copyOfRange(buffer, headerStart, contentsEnd);
        }

        /** A reader over the elements inside this (constructed) element. */
        DerReader children() {
            return new DerReader(buffer, contentsStart, contentsEnd);
        }

        /** A small non-negative INTEGER (e.g. a version). */
        int smallInteger() throws MalformedDerException {
            int length = contentsEnd - contentsStart;
            if (length == 0 || length > 3) {
                throw new MalformedDerException("INTEGER of " + length + " bytes where a small number was expected");
            }
            if ((buffer[contentsStart] & 0x80) != 0) {
                throw new MalformedDerException("negative INTEGER");
            }
            int value = 0;
            for (int i = contentsStart; i < contentsEnd; i++) {
                value = value << 8 | buffer[i] & 0xff;
            }
            return value;
        }

        /** The dotted form of an OBJECT IDENTIFIER, e.g. {@code 1.3.101.112}. */
        String objectIdentifier() throws MalformedDerException {
            if (contentsEnd == contentsStart || (buffer[contentsEnd - 1] & 0x80) != 0) {
                throw new MalformedDerException("truncated OBJECT IDENTIFIER");
            }
            StringBuilder dotted = new StringBuilder();
            long arc = 0;
            for (int i = contentsStart; i < contentsEnd; i++) {
                if (arc > Long.MAX_VALUE >>> 7) {
                    throw new MalformedDerException("OBJECT IDENTIFIER arc too large");
                }
                arc = arc << 7 | buffer[i] & 0x7f;
                if ((buffer[i] & 0x80) == 0) {
                    if (dotted.isEmpty()) {
                        int first = (int) Math.min(arc / 40, 2);
                        dotted.append(first).append('.').append(arc - 40L * first);
                    } else {
                        dotted.append('.').append(arc);
                    }
                    arc = 0;
                }
            }
            return dotted.toString();
        }

        /** The bytes of a BIT STRING with no unused bits (keys are whole bytes). */
        byte[] bitStringBytes() throws MalformedDerException {
            if (contentsEnd == contentsStart || buffer[contentsStart] != 0) {
                throw new MalformedDerException("BIT STRING that is not a whole number of bytes");
            }
            return Arrays.copyOfRange(buffer, contentsStart + 1, contentsEnd);
        }
    }

    private final byte[] buffer;
    private final int end;
    private int position;

    private DerReader(byte[] buffer, int start, int end) {
        this.buffer = buffer;
        this.position = start;
        this.end = end;
    }

    /** A reader over all of {@code der} (not copied: do not change it while reading). */
    static DerReader of(byte[] der) {
        return new DerReader(der, 0, der.length);
    }

    boolean hasNext() {
        return position < end;
    }

    /** The tag of the next element, or -1 at the end. */
    int peekTag() {
        return hasNext() ? buffer[position] & 0xff : -1;
    }

    Element next() throws MalformedDerException {
        if (!hasNext()) {
            throw new MalformedDerException("truncated: an element is missing");
        }
        int headerStart = position;
        int tag = buffer[position++] & 0xff;
        if ((tag & 0x1f) == 0x1f) {
            throw new MalformedDerException("multi-byte tag");
        }
        if (!hasNext()) {
            throw new MalformedDerException("truncated: no length");
        }
        int first = buffer[position++] & 0xff;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int lengthBytes = first & 0x7f;
            if (lengthBytes == 0) {
                throw new MalformedDerException("indefinite length");
            }
            if (lengthBytes > 4) {
                throw new MalformedDerException("length of " + lengthBytes + " bytes");
            }
            if (end - position < lengthBytes) {
                throw new MalformedDerException("truncated length");
            }
            length = 0;
            for (int i = 0; i < lengthBytes; i++) {
                length = length << 8 | buffer[position++] & 0xff;
            }
        }
        if (length > end - position) {
            throw new MalformedDerException("length " + length + " exceeds the " + (end - position) + " bytes left");
        }
        int contentsStart = position;
        position += (int) length;
        return new Element(tag, buffer, headerStart, contentsStart, position);
    }

    /** The next element, which must have {@code tag}. */
    Element next(int tag) throws MalformedDerException {
        if (hasNext() && peekTag() != tag) {
            throw new MalformedDerException(String.format("tag 0x%02x where 0x%02x was expected", peekTag(), tag));
        }
        return next();
    }

    /** Fails unless every byte was read. */
    void expectEnd() throws MalformedDerException {
        if (hasNext()) {
            throw new MalformedDerException((end - position) + " trailing bytes");
        }
    }
}
