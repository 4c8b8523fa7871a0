package org.negotiatetcp.soap.binary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The [MC-NBFS] static dictionary: the 487 strings that WCF's binary message encoder (and WWSAPI) agree on, with
 * their even dictionary ids ({@code 0x00} {@code mustUnderstand} to {@code 0x3CC} {@code detail}). The table is the
 * specification's, kept as data in {@code nbfs-static-dictionary.txt} (one string a line, in id order; the entry for
 * id {@code 0x1A8} begins with a space, as in WCF's table).
 */
public final class StaticDictionary {

	/** The number of strings in the [MC-NBFS] table. */
	public static final int SIZE = 487;

	private static final StaticDictionary INSTANCE = load();

	private final List<String> strings;

	private final Map<String, Integer> ids;

	private StaticDictionary(List<String> strings) {
		this.strings = Collections.unmodifiableList(strings);
		Map<String, Integer> ids = new HashMap<>();
		for (int i = 0; i < strings.size(); i++) {
			ids.putIfAbsent(strings.get(i), i * 2);
		}
		this.ids = ids;
	}

	/**
	 * Returns the [MC-NBFS] dictionary.
	 * @return the dictionary
	 */
	public static StaticDictionary nbfs() {
		return INSTANCE;
	}

	/**
	 * Returns the string of a dictionary id.
	 * @param id an even id, {@code 0} to {@code 2 * (SIZE - 1)}
	 * @return the string, or {@code null} when the id names none
	 */
	public @Nullable String get(int id) {
		if (id < 0 || (id & 1) != 0 || (id >> 1) >= this.strings.size()) {
			return null;
		}
		return this.strings.get(id >> 1);
	}

	/**
	 * Returns the dictionary id of a string.
	 * @param value a string
	 * @return its (even) id, or {@code -1} when the dictionary does not hold it
	 */
	public int idOf(String value) {
		Integer id = this.ids.get(value);
		return (id != null) ? id : -1;
	}

	/**
	 * Returns the strings in id order (the string of id {@code 2i} at index {@code i}).
	 * @return an unmodifiable list
	 */
	public List<String> strings() {
		return this.strings;
	}

	private static StaticDictionary load() {
		List<String> strings = new ArrayList<>(SIZE);
		try (InputStream in = StaticDictionary.class.getResourceAsStream("nbfs-static-dictionary.txt")) {
			if (in == null) {
				throw new IllegalStateException("nbfs-static-dictionary.txt is missing from the classpath");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				strings.add(line);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (strings.size() != SIZE) {
			throw new IllegalStateException("nbfs-static-dictionary.txt holds " + strings.size() + " strings, not " + SIZE);
		}
		return new StaticDictionary(strings);
	}

}
