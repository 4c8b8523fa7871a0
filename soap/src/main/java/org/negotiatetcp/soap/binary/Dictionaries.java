package org.negotiatetcp.soap.binary;

import org.jspecify.annotations.Nullable;

/**
 * The strings a message's DictionaryString ids name: even ids the [MC-NBFS] static dictionary, odd ids the
 * [MC-NBFSE] session dictionary (when the message belongs to a session).
 */
final class Dictionaries {

	private final StaticDictionary staticDictionary;

	private final @Nullable SessionDictionary session;

	Dictionaries(StaticDictionary staticDictionary, @Nullable SessionDictionary session) {
		this.staticDictionary = staticDictionary;
		this.session = session;
	}

	String resolve(int id, long offset) throws MalformedBinaryXmlException {
		String value;
		if ((id & 1) == 0) {
			value = this.staticDictionary.get(id);
			if (value == null) {
				throw new MalformedBinaryXmlException("Dictionary id 0x" + Integer.toHexString(id)
						+ " is beyond the static dictionary ([MC-NBFS] ends at 0x"
						+ Integer.toHexString(2 * (StaticDictionary.SIZE - 1)) + ")", offset);
			}
			return value;
		}
		if (this.session == null) {
			throw new MalformedBinaryXmlException("Session dictionary id 0x" + Integer.toHexString(id)
					+ " in a message outside a binary session (application/soap+msbin1 has no session dictionary)",
					offset);
		}
		value = this.session.get(id);
		if (value == null) {
			throw new MalformedBinaryXmlException("Session dictionary id 0x" + Integer.toHexString(id)
					+ " names no string: the session has announced " + this.session.count(), offset);
		}
		return value;
	}

	StaticDictionary staticDictionary() {
		return this.staticDictionary;
	}

	@Nullable SessionDictionary session() {
		return this.session;
	}

}
