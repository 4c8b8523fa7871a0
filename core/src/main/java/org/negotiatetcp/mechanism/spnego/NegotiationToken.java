package org.negotiatetcp.mechanism.spnego;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.Mechanism;
import org.negotiatetcp.mechanism.MechanismException;

/**
 * An SPNEGO message (RFC 4178 4.2): {@code NegotiationToken ::= CHOICE { negTokenInit [0], negTokenResp [1] }}.
 * The initiator's first token is framed as a GSS-API InitialContextToken ({@code 0x60}, OID 1.3.6.1.5.5.2); later
 * tokens are bare. {@link #decode} accepts both forms of either message.
 */
sealed interface NegotiationToken permits NegTokenInit, NegTokenResp {

	/** DER content octets of the SPNEGO OID 1.3.6.1.5.5.2. */
	byte[] SPNEGO_OID_CONTENT = Der.encodeOid(Mechanism.SPNEGO_OID);

	/**
	 * Encode the message in the form it travels: GSS-framed for a NegTokenInit, bare for a NegTokenResp.
	 * @return the token
	 */
	byte[] encode();

	/**
	 * Decode a token, GSS-framed or bare.
	 * @param token the token
	 * @return the message
	 * @throws MechanismException with {@link FailureReason#BAD_TOKEN} if the token is not a well-formed SPNEGO
	 * message
	 */
	static NegotiationToken decode(byte[] token) {
		if (token.length == 0) {
			throw Der.bad("empty token");
		}
		DerReader outer = new DerReader(token);
		DerReader.Tlv choice;
		if (outer.peekTag() == Der.GSS_INITIAL_CONTEXT_TOKEN) {
			DerReader.Tlv framed = outer.read();
			outer.expectEnd("the GSS-API token");
			DerReader body = framed.contents();
			DerReader.Tlv oid = body.read(Der.OBJECT_IDENTIFIER, "the GSS-API mechanism OID");
			if (!Der.equal(oid.content(), SPNEGO_OID_CONTENT)) {
				throw new MechanismException(FailureReason.BAD_TOKEN, "GSS-API token is for mechanism "
						+ oid.oid() + ", not SPNEGO (" + Mechanism.SPNEGO_OID + ")");
			}
			choice = body.read();
			body.expectEnd("the NegotiationToken");
		}
		else {
			choice = outer.read();
			outer.expectEnd("the NegotiationToken");
		}
		return switch (choice.tag()) {
			case 0xa0 -> NegTokenInit.decodeBody(choice);
			case 0xa1 -> NegTokenResp.decodeBody(choice);
			default -> throw Der.bad("neither negTokenInit [0] nor negTokenResp [1] but tag 0x"
					+ Integer.toHexString(choice.tag()));
		};
	}

}
