/**
 * Negotiate TCP: Windows Integrated Authentication (Kerberos, SPNEGO, NTLM) over TCP, on the wire form of
 * [MS-NNS] NegotiateStream and [MC-NMF] .NET Message Framing.
 */
@NullMarked
package org.negotiatetcp;

import org.jspecify.annotations.NullMarked;
