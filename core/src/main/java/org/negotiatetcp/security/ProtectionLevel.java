package org.negotiatetcp.security;

/**
 * Protection of the data frames after authentication ([MS-NNS] 2.2.2, .NET {@code ProtectionLevel}). The RPC
 * authentication levels map onto it: {@code RPC_C_AUTHN_LEVEL_CONNECT} to {@link #NONE},
 * {@code RPC_C_AUTHN_LEVEL_PKT_INTEGRITY} to {@link #SIGN}, {@code RPC_C_AUTHN_LEVEL_PKT_PRIVACY} to
 * {@link #ENCRYPT_AND_SIGN}.
 */
public enum ProtectionLevel {

	/** Authentication only; data travels in clear without NNS data framing. */
	NONE,

	/** Every data frame carries an integrity signature; data is readable on the wire. */
	SIGN,

	/** Every data frame is encrypted and signed. The default. */
	ENCRYPT_AND_SIGN;

	/**
	 * Whether this level gives at least the protection of {@code required}.
	 * @param required the minimum level
	 * @return {@code true} if this level is the same or stronger
	 */
	public boolean isAtLeast(ProtectionLevel required) {
		return ordinal() >= required.ordinal();
	}

}
