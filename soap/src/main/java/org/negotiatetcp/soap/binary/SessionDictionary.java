package org.negotiatetcp.soap.binary;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One direction of an [MC-NBFSE] in-band dictionary: the strings a session has announced so far, in order, the
 * {@code n}th (from 0) with the odd dictionary id {@code 2n + 1}. Grows only; bounded by a byte budget (the UTF-8
 * length of its strings). Not thread-safe: a session's messages in one direction are read (or written) in order.
 */
public final class SessionDictionary {

	private final List<String> strings = new ArrayList<>();

	private final Map<String, Integer> ids = new HashMap<>();

	private final int maxSize;

	private int size;

	/**
	 * Creates an empty dictionary.
	 * @param maxSize the most bytes (UTF-8) its strings may take together
	 */
	public SessionDictionary(int maxSize) {
		this.maxSize = maxSize;
	}

	/**
	 * Returns the string of a session dictionary id.
	 * @param id an odd id
	 * @return the string, or {@code null} when the id names none (yet)
	 */
	public @Nullable String get(int id) {
		if (id < 0 || (id & 1) == 0 || (id >> 1) >= this.strings.size()) {
			return null;
		}
		return this.strings.get(id >> 1);
	}

	/**
	 * Returns the id of a string already in the dictionary.
	 * @param value a string
	 * @return its odd id, or {@code -1}
	 */
	public int idOf(String value) {
		Integer id = this.ids.get(value);
		return (id != null) ? id : -1;
	}

	/**
	 * Returns the number of strings.
	 * @return the count
	 */
	public int count() {
		return this.strings.size();
	}

	/**
	 * Returns the bytes (UTF-8) the strings take together.
	 * @return the size, at most {@link #maxSize()}
	 */
	public int size() {
		return this.size;
	}

	/**
	 * Returns the byte budget.
	 * @return the most bytes the strings may take
	 */
	public int maxSize() {
		return this.maxSize;
	}

	/**
	 * Adds a string if the budget allows.
	 * @param value the string
	 * @return its new odd id, or {@code -1} when it would exceed the budget (the dictionary is unchanged)
	 */
	int tryAdd(String value) {
		int bytes = value.getBytes(StandardCharsets.UTF_8).length;
		if ((long) this.size + bytes > this.maxSize) {
			return -1;
		}
		return add(value, bytes);
	}

	/**
	 * Adds a string as a reader does: a string beyond the budget is a quota violation.
	 * @param value the string
	 * @param bytes its UTF-8 length
	 * @param offset where it was in the message, for the error
	 * @throws BinaryXmlQuotaExceededException when the dictionary would exceed its budget
	 */
	void addReceived(String value, int bytes, long offset) throws BinaryXmlQuotaExceededException {
		if ((long) this.size + bytes > this.maxSize) {
			throw new BinaryXmlQuotaExceededException("MaxSessionSize", this.maxSize,
					"The session's in-band dictionary (" + this.size + " bytes, then a string of " + bytes + ")",
					offset);
		}
		add(value, bytes);
	}

	private int add(String value, int bytes) {
		int id = this.strings.size() * 2 + 1;
		this.strings.add(value);
		this.ids.putIfAbsent(value, id);
		this.size += bytes;
		return id;
	}

}
