package org.negotiatetcp.mechanism.spnego;

import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.mechanism.MechanismException;

/**
 * Every SPNEGO message after the first (RFC 4178 4.2.2):
 * <pre>
 * NegTokenResp ::= SEQUENCE {
 *     negState      [0] ENUMERATED { accept-completed(0), accept-incomplete(1), reject(2), request-mic(3) } OPTIONAL,
 *     supportedMech [1] MechType OPTIONAL,
 *     responseToken [2] OCTET STRING OPTIONAL,
 *     mechListMIC   [3] OCTET STRING OPTIONAL,
 *     ... }
 * </pre>
 * @param negState the state, or {@code null} when absent (initiator tokens omit it)
 * @param supportedMech the mechanism the acceptor selected (first reply only), or {@code null}
 * @param responseToken the inner mechanism's token, or {@code null}
 * @param mechListMic the MIC over the initiator's MechTypeList, or {@code null}
 */
public record NegTokenResp(@Nullable NegState negState, @Nullable String supportedMech,
		byte @Nullable [] responseToken, byte @Nullable [] mechListMic) implements NegotiationToken {

	/**
	 * Decode a NegTokenResp.
	 * @param token the token
	 * @return the message
	 * @throws MechanismException with {@code BAD_TOKEN} if it is not a well-formed NegTokenResp
	 */
	public static NegTokenResp decode(byte[] token) {
		if (NegotiationToken.decode(token) instanceof NegTokenResp resp) {
			return resp;
		}
		throw Der.bad("a NegTokenInit where a NegTokenResp was expected");
	}

	static NegTokenResp decodeBody(DerReader.Tlv choice) {
		ContextFields fields = ContextFields.of(choice, "NegTokenResp");
		NegState negState = null;
		String supportedMech = null;
		byte[] responseToken = null;
		byte[] mechListMic = null;
		while (fields.hasMore()) {
			ContextFields.Field next = fields.next();
			DerReader.Tlv field = next.tlv();
			switch (next.number()) {
				case 0 -> negState = NegState.of(field.inner(Der.ENUMERATED, "negState").smallInteger());
				case 1 -> supportedMech = field.inner(Der.OBJECT_IDENTIFIER, "supportedMech").oid();
				case 2 -> responseToken = field.inner(Der.OCTET_STRING, "responseToken").content();
				case 3 -> mechListMic = field.inner(Der.OCTET_STRING, "mechListMIC").content();
				default -> {
					// a later extension: ignored
				}
			}
		}
		return new NegTokenResp(negState, supportedMech, responseToken, mechListMic);
	}

	@Override
	public byte[] encode() {
		return new DerWriter().writeConstructed(Der.contextTag(1), (choice) -> choice.writeConstructed(Der.SEQUENCE,
				(fields) -> {
					if (this.negState != null) {
						fields.writeTlv(Der.contextTag(0), new DerWriter().writeEnumerated(this.negState.value()).toByteArray());
					}
					if (this.supportedMech != null) {
						fields.writeTlv(Der.contextTag(1), new DerWriter().writeOid(this.supportedMech).toByteArray());
					}
					fields.writeOptionalOctetString(2, this.responseToken);
					fields.writeOptionalOctetString(3, this.mechListMic);
				}))
			.toByteArray();
	}

	@Override
	public boolean equals(Object other) {
		return (this == other) || (other instanceof NegTokenResp that && this.negState == that.negState
				&& Objects.equals(this.supportedMech, that.supportedMech)
				&& Arrays.equals(this.responseToken, that.responseToken)
				&& Arrays.equals(this.mechListMic, that.mechListMic));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.negState, this.supportedMech, Arrays.hashCode(this.responseToken),
				Arrays.hashCode(this.mechListMic));
	}

	@Override
	public String toString() {
		return "NegTokenResp[negState=" + this.negState + ", supportedMech=" + this.supportedMech + ", responseToken="
				+ Der.describe(this.responseToken) + ", mechListMIC=" + Der.describe(this.mechListMic) + "]";
	}

}
