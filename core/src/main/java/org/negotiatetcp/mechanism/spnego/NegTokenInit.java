package org.negotiatetcp.mechanism.spnego;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.mechanism.MechanismException;

/**
 * The initiator's first SPNEGO message (RFC 4178 4.2.1), also read in its MS-SPNG 2.2.1 NegTokenInit2 form:
 * <pre>
 * NegTokenInit ::= SEQUENCE {
 *     mechTypes   [0] MechTypeList,
 *     reqFlags    [1] ContextFlags OPTIONAL,
 *     mechToken   [2] OCTET STRING OPTIONAL,
 *     mechListMIC [3] OCTET STRING OPTIONAL,      -- NegTokenInit2: negHints [3], mechListMIC [4]
 *     ... }
 * </pre>
 * Reading is lenient (optional fields absent, negHints and unknown extension fields ignored, mechTypes absent in a
 * continuation token); writing is strict DER and omits reqFlags, as MS-SPNG recommends.
 * {@link #mechTypesEncoding()} keeps the DER MechTypeList exactly as it was sent, which is what the mechListMIC
 * covers.
 */
public final class NegTokenInit implements NegotiationToken {

	private final List<String> mechTypes;

	private final byte @Nullable [] mechTypesEncoding;

	private final int reqFlags;

	private final byte @Nullable [] mechToken;

	private final byte @Nullable [] mechListMic;

	private NegTokenInit(List<String> mechTypes, byte @Nullable [] mechTypesEncoding, int reqFlags,
			byte @Nullable [] mechToken, byte @Nullable [] mechListMic) {
		this.mechTypes = List.copyOf(mechTypes);
		this.mechTypesEncoding = mechTypesEncoding;
		this.reqFlags = reqFlags;
		this.mechToken = mechToken;
		this.mechListMic = mechListMic;
	}

	/**
	 * Create the message an initiator sends.
	 * @param mechTypes the mechanisms in order of preference, at least one
	 * @param mechToken the optimistic token for the first mechanism, or {@code null}
	 * @return the message
	 */
	public static NegTokenInit of(List<String> mechTypes, byte @Nullable [] mechToken) {
		if (mechTypes.isEmpty()) {
			throw new IllegalArgumentException("A NegTokenInit lists at least one mechanism");
		}
		return new NegTokenInit(mechTypes, encodeMechTypeList(mechTypes), -1, mechToken, null);
	}

	/**
	 * Return the DER encoding of a MechTypeList ({@code SEQUENCE OF OBJECT IDENTIFIER}).
	 * @param mechTypes the mechanisms
	 * @return the encoding
	 */
	public static byte[] encodeMechTypeList(List<String> mechTypes) {
		return new DerWriter().writeConstructed(Der.SEQUENCE, (list) -> mechTypes.forEach(list::writeOid))
			.toByteArray();
	}

	/**
	 * Decode a NegTokenInit, GSS-framed or bare.
	 * @param token the token
	 * @return the message
	 * @throws MechanismException with {@code BAD_TOKEN} if it is not a well-formed NegTokenInit
	 */
	public static NegTokenInit decode(byte[] token) {
		if (NegotiationToken.decode(token) instanceof NegTokenInit init) {
			return init;
		}
		throw Der.bad("a NegTokenResp where a NegTokenInit was expected");
	}

	static NegTokenInit decodeBody(DerReader.Tlv choice) {
		ContextFields fields = ContextFields.of(choice, "NegTokenInit");
		List<String> mechTypes = new ArrayList<>();
		byte[] mechTypesEncoding = null;
		int reqFlags = -1;
		byte[] mechToken = null;
		byte[] mechListMic = null;
		while (fields.hasMore()) {
			ContextFields.Field next = fields.next();
			DerReader.Tlv field = next.tlv();
			switch (next.number()) {
				case 0 -> {
					DerReader.Tlv list = field.inner(Der.SEQUENCE, "mechTypes");
					mechTypesEncoding = list.encoded();
					DerReader oids = list.contents();
					while (oids.hasMore()) {
						mechTypes.add(oids.read(Der.OBJECT_IDENTIFIER, "a MechType").oid());
					}
				}
				case 1 -> reqFlags = decodeFlags(field.inner(Der.BIT_STRING, "reqFlags"));
				case 2 -> mechToken = field.inner(Der.OCTET_STRING, "mechToken").content();
				case 3 -> {
					// RFC 4178: mechListMIC; MS-SPNG NegTokenInit2: negHints (a SEQUENCE), ignored
					DerReader inner = field.contents();
					if (inner.peekTag() == Der.OCTET_STRING) {
						mechListMic = field.inner(Der.OCTET_STRING, "mechListMIC").content();
					}
					else {
						field.inner(Der.SEQUENCE, "negHints");
					}
				}
				case 4 -> {
					if (mechListMic != null) {
						throw Der.bad("two mechListMIC fields");
					}
					mechListMic = field.inner(Der.OCTET_STRING, "mechListMIC").content();
				}
				default -> {
					// a later extension: ignored
				}
			}
		}
		return new NegTokenInit(mechTypes, mechTypesEncoding, reqFlags, mechToken, mechListMic);
	}

	private static int decodeFlags(DerReader.Tlv bits) {
		byte[] content = bits.content();
		if (content.length == 0 || (content[0] & 0xff) > 7 || (content.length == 1 && content[0] != 0)) {
			throw Der.bad("malformed reqFlags BIT STRING");
		}
		int flags = 0;
		for (int bit = 0; bit < 7 && bit < (content.length - 1) * 8; bit++) {
			if ((content[1 + bit / 8] & (0x80 >>> (bit % 8))) != 0) {
				flags |= 1 << bit;
			}
		}
		return flags;
	}

	@Override
	public byte[] encode() {
		byte[] list = this.mechTypesEncoding;
		if (list == null) {
			throw new IllegalStateException("A NegTokenInit without mechTypes is not sent by this implementation");
		}
		byte[] body = new DerWriter().writeTlv(0xa0, new DerWriter().writeConstructed(Der.SEQUENCE, (fields) -> {
			fields.writeTlv(Der.contextTag(0), list);
			fields.writeOptionalOctetString(2, this.mechToken);
			fields.writeOptionalOctetString(3, this.mechListMic);
		}).toByteArray()).toByteArray();
		return new DerWriter().writeConstructed(Der.GSS_INITIAL_CONTEXT_TOKEN,
				(gss) -> gss.writeTlv(Der.OBJECT_IDENTIFIER, SPNEGO_OID_CONTENT).writeEncoded(body))
			.toByteArray();
	}

	/**
	 * Return the mechanisms the initiator offers, in its order of preference (empty when the field was absent).
	 * @return the dotted OIDs
	 */
	public List<String> mechTypes() {
		return this.mechTypes;
	}

	/**
	 * Return the DER MechTypeList exactly as it was sent, which the mechListMIC covers.
	 * @return the encoding, or {@code null} when the field was absent
	 */
	public byte @Nullable [] mechTypesEncoding() {
		return (this.mechTypesEncoding != null) ? this.mechTypesEncoding.clone() : null;
	}

	/**
	 * Return the reqFlags bits (bit n = ContextFlags bit n), or -1 when absent. Informational only: RFC 4178 says they
	 * are not protected and must be ignored.
	 * @return the flags or -1
	 */
	public int reqFlags() {
		return this.reqFlags;
	}

	/**
	 * Return the optimistic token for the first mechanism.
	 * @return the token or {@code null}
	 */
	public byte @Nullable [] mechToken() {
		return (this.mechToken != null) ? this.mechToken.clone() : null;
	}

	/**
	 * Return the mechListMIC.
	 * @return the MIC or {@code null}
	 */
	public byte @Nullable [] mechListMic() {
		return (this.mechListMic != null) ? this.mechListMic.clone() : null;
	}

	@Override
	public boolean equals(Object other) {
		return (this == other) || (other instanceof NegTokenInit that && this.mechTypes.equals(that.mechTypes)
				&& Arrays.equals(this.mechTypesEncoding, that.mechTypesEncoding) && this.reqFlags == that.reqFlags
				&& Arrays.equals(this.mechToken, that.mechToken) && Arrays.equals(this.mechListMic, that.mechListMic));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.mechTypes, this.reqFlags, Arrays.hashCode(this.mechToken),
				Arrays.hashCode(this.mechListMic));
	}

	@Override
	public String toString() {
		return "NegTokenInit[mechTypes=" + this.mechTypes + ", mechToken=" + Der.describe(this.mechToken)
				+ ", mechListMIC=" + Der.describe(this.mechListMic) + "]";
	}

}
