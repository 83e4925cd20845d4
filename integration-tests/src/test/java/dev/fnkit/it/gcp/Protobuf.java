package dev.fnkit.it.gcp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal protobuf wire-format writer, enough to encode a Firestore {@code DocumentEventData} the way Eventarc
 * sends it, independently of the adapter's decoder (field numbers from Google's
 * {@code google/events/cloud/firestore/v1/data.proto}).
 */
final class Protobuf {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    byte[] bytes() {
        return out.toByteArray();
    }

    Protobuf varint(int field, long value) {
        tag(field, 0);
        rawVarint(value);
        return this;
    }

    Protobuf fixed64(int field, double value) {
        tag(field, 1);
        long bits = Double.doubleToLongBits(value);
        for (int i = 0; i < 8; i++) {
            out.write((int) (bits >>> (8 * i)) & 0xff);
        }
        return this;
    }

    Protobuf bytes(int field, byte[] value) {
        tag(field, 2);
        rawVarint(value.length);
        out.writeBytes(value);
        return this;
    }

    Protobuf string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    Protobuf message(int field, Protobuf message) {
        return bytes(field, message.bytes());
    }

    private void tag(int field, int wireType) {
        rawVarint((long) field << 3 | wireType);
    }

    private void rawVarint(long value) {
        long v = value;
        while ((v & ~0x7fL) != 0) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    /** A Firestore {@code Value} holding a string (field 17). */
    static Protobuf stringValue(String s) {
        return new Protobuf().string(17, s);
    }

    /** A Firestore {@code Value} holding an integer (field 2). */
    static Protobuf integerValue(long n) {
        return new Protobuf().varint(2, n);
    }

    /** A Firestore {@code Value} holding a double (field 3). */
    static Protobuf doubleValue(double d) {
        return new Protobuf().fixed64(3, d);
    }

    /** A Firestore {@code Value} holding a boolean (field 1). */
    static Protobuf booleanValue(boolean b) {
        return new Protobuf().varint(1, b ? 1 : 0);
    }

    /** A Firestore {@code Document}: name (1), fields map (2), update time (4). */
    static Protobuf document(String name, long updateSeconds, Object... namesAndValues) {
        Protobuf document = new Protobuf().string(1, name);
        for (int i = 0; i < namesAndValues.length; i += 2) {
            document.message(2, new Protobuf().string(1, (String) namesAndValues[i])
                    .message(2, (Protobuf) namesAndValues[i + 1]));
        }
        return document.message(4, new Protobuf().varint(1, updateSeconds));
    }
}
