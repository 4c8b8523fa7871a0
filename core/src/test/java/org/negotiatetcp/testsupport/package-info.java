/**
 * Independent interop peers for tests: a throwaway MIT Kerberos realm ({@link org.negotiatetcp.testsupport.MitKdc}),
 * an [MS-NNS] / [MC-NMF] peer on MIT GSSAPI ({@link org.negotiatetcp.testsupport.PythonGssPeer}) and Microsoft's own
 * .NET Core NegotiateStream client ({@link org.negotiatetcp.testsupport.DotnetNegotiateStreamPeer}).
 * <p>
 * Published in the core module's test-jar so other modules can reuse it. Tests that use these peers are tagged
 * {@code interop} and skip themselves, with the reason, when a tool is missing.
 */
@NullMarked
package org.negotiatetcp.testsupport;

import org.jspecify.annotations.NullMarked;
