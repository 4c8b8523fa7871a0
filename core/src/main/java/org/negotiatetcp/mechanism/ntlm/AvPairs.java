package org.negotiatetcp.mechanism.ntlm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An ordered AV_PAIR list ([MS-NLMP] 2.2.2.1), as in the CHALLENGE's TargetInfo and the NTLMv2 client challenge. The
 * terminating MsvAvEOL is implicit: {@link #parse} stops at it and {@link #toBytes()} appends it.
 */
final class AvPairs {

	/** The empty list (encodes as an MsvAvEOL alone). */
	public static final AvPairs EMPTY = new AvPairs(List.of());

	private final List<AvPair> pairs;

	private AvPairs(List<AvPair> pairs) {
		this.pairs = pairs;
	}

	/**
	 * Create a list from pairs, in order; MsvAvEOL pairs are not allowed (the terminator is implicit).
	 * @param pairs the pairs
	 * @return the list
	 */
	public static AvPairs of(List<AvPair> pairs) {
		for (AvPair pair : pairs) {
			if (pair.avId() == AvPair.MSV_AV_EOL) {
				throw new IllegalArgumentException("MsvAvEOL is implicit; do not add it");
			}
		}
		return new AvPairs(List.copyOf(pairs));
	}

	/**
	 * Parse an AV pair list. Parsing stops at MsvAvEOL; bytes after it are ignored, and a list that ends without
	 * MsvAvEOL is accepted (as Windows does) as long as every pair lies inside the buffer.
	 * @param bytes the encoded list
	 * @return the list
	 * @throws org.negotiatetcp.mechanism.MechanismException with {@code BAD_TOKEN} if a pair overruns the buffer
	 */
	public static AvPairs parse(byte[] bytes) {
		List<AvPair> pairs = new ArrayList<>();
		int offset = 0;
		while (offset < bytes.length) {
			if (offset + 4 > bytes.length) {
				throw NtlmWire.badToken("NTLM AV pair list is truncated: " + (bytes.length - offset)
						+ " stray bytes at offset " + offset + " where an AV pair header (4 bytes) should be");
			}
			int id = (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
			int length = (bytes[offset + 2] & 0xFF) | (bytes[offset + 3] & 0xFF) << 8;
			if (id == AvPair.MSV_AV_EOL) {
				break;
			}
			if (offset + 4 + length > bytes.length) {
				throw NtlmWire.badToken("NTLM AV pair " + id + " at offset " + offset + " claims " + length
						+ " bytes but only " + (bytes.length - offset - 4) + " remain");
			}
			byte[] value = new byte[length];
			System.arraycopy(bytes, offset + 4, value, 0, length);
			pairs.add(new AvPair(id, value));
			offset += 4 + length;
		}
		return new AvPairs(Collections.unmodifiableList(pairs));
	}

	/**
	 * Encode the list followed by MsvAvEOL.
	 * @return the bytes
	 */
	public byte[] toBytes() {
		int length = 4;
		for (AvPair pair : this.pairs) {
			length += 4 + pair.value().length;
		}
		byte[] out = new byte[length];
		int offset = 0;
		for (AvPair pair : this.pairs) {
			NtlmWire.putLe16(out, offset, pair.avId());
			NtlmWire.putLe16(out, offset + 2, pair.value().length);
			System.arraycopy(pair.value(), 0, out, offset + 4, pair.value().length);
			offset += 4 + pair.value().length;
		}
		return out;
	}

	/**
	 * Return the pairs in order (without the terminator).
	 * @return an unmodifiable list
	 */
	public List<AvPair> pairs() {
		return this.pairs;
	}

	/**
	 * Whether the list is empty.
	 * @return {@code true} if no pair is present
	 */
	public boolean isEmpty() {
		return this.pairs.isEmpty();
	}

	/**
	 * Return the first pair with an id.
	 * @param avId the id
	 * @return the pair or {@code null}
	 */
	public @Nullable AvPair get(int avId) {
		for (AvPair pair : this.pairs) {
			if (pair.avId() == avId) {
				return pair;
			}
		}
		return null;
	}

	/**
	 * Return the string value of the first pair with an id.
	 * @param avId the id
	 * @return the value or {@code null} if absent
	 */
	public @Nullable String getString(int avId) {
		AvPair pair = get(avId);
		return (pair != null) ? pair.stringValue() : null;
	}

	/**
	 * Return the MsvAvTimestamp value.
	 * @return the FILETIME, or {@code null} if absent
	 * @throws org.negotiatetcp.mechanism.MechanismException with {@code BAD_TOKEN} if it is not 8 bytes
	 */
	public @Nullable Long timestamp() {
		AvPair pair = get(AvPair.MSV_AV_TIMESTAMP);
		if (pair == null) {
			return null;
		}
		if (pair.value().length != 8) {
			throw NtlmWire.badToken("NTLM MsvAvTimestamp must be 8 bytes, not " + pair.value().length);
		}
		return NtlmWire.le64(pair.value(), 0);
	}

	/**
	 * Return the MsvAvFlags value.
	 * @return the flags, 0 if absent
	 * @throws org.negotiatetcp.mechanism.MechanismException with {@code BAD_TOKEN} if it is not 4 bytes
	 */
	public int flags() {
		AvPair pair = get(AvPair.MSV_AV_FLAGS);
		if (pair == null) {
			return 0;
		}
		if (pair.value().length != 4) {
			throw NtlmWire.badToken("NTLM MsvAvFlags must be 4 bytes, not " + pair.value().length);
		}
		return (int) NtlmWire.le32(pair.value(), 0);
	}

	/**
	 * Return a copy of this list without any pair of the given ids.
	 * @param avIds the ids to drop
	 * @return the new list
	 */
	public AvPairs without(int... avIds) {
		List<AvPair> kept = new ArrayList<>(this.pairs.size());
		outer: for (AvPair pair : this.pairs) {
			for (int id : avIds) {
				if (pair.avId() == id) {
					continue outer;
				}
			}
			kept.add(pair);
		}
		return new AvPairs(Collections.unmodifiableList(kept));
	}

	/**
	 * Return a copy of this list with pairs appended.
	 * @param more the pairs to append
	 * @return the new list
	 */
	public AvPairs with(AvPair... more) {
		List<AvPair> all = new ArrayList<>(this.pairs);
		all.addAll(List.of(more));
		return of(all);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof AvPairs that && that.pairs.equals(this.pairs);
	}

	@Override
	public int hashCode() {
		return this.pairs.hashCode();
	}

	@Override
	public String toString() {
		return "AvPairs" + this.pairs;
	}

}
