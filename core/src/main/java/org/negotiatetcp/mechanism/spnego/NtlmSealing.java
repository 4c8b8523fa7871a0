package org.negotiatetcp.mechanism.spnego;

import org.negotiatetcp.mechanism.MechanismContext;
import org.negotiatetcp.mechanism.ntlm.NtlmContext;

/**
 * The NTLM rules of [MS-SPNG]: Windows demands a mechListMIC when the AUTHENTICATE_MESSAGE carries a MIC
 * (MsvAvFlags 0x2), and once the mechListMIC has been computed and verified both RC4 sealing handles are
 * re-initialised (3.2.5.1 / 3.3.5.1; sequence numbers keep counting), so the first data message is sealed with the
 * same RC4 state as the mechListMIC was.
 */
final class NtlmSealing {

	private NtlmSealing() {
	}

	static boolean authenticateMessageHasMic(MechanismContext inner) {
		return inner instanceof NtlmContext ntlm && ntlm.isEstablished() && ntlm.authenticateMessageHasMic();
	}

	static void resetAfterMechListMic(MechanismContext inner) {
		if (inner instanceof NtlmContext ntlm) {
			ntlm.resetSealingState();
		}
	}

}
