// The host side of the network workload: plain Node sockets to 127.0.0.1,
// usable against the Linux guest (netbench) and the unikernel alike.
export { GUEST_PORTS, READY_LINE, HTTP_REQUEST, controlLine, parseControlAnswer, type NetPorts, type NetService } from './protocol.js';
export { NetControl, NO_BRACKET, type PhaseBracket } from './control.js';
export { echoRoundTrips, echoMessage, ECHO_DEFAULTS, type EchoOptions } from './echo.js';
export { bulkSend, BULK_DEFAULTS, type BulkOptions } from './bulk.js';
export { httpKeepAlive, parseHttpHead, HTTP_DEFAULTS, type HttpOptions, type HttpHead } from './http.js';
export { bracketed, type HostPhase } from './host-phase.js';
export { runNetClient, NET_CLIENT_DEFAULTS, PHASE_KINDS, IDLE_PHASE, phaseName, type NetClientOptions, type HostPhases, type PhaseKind } from './run.js';
export { connectLocal, closeAndWait, SocketReader } from './socket-reader.js';
