// protobufjs 7.4.0 from its WebJar: only a UMD build exists, loaded by index.html as a classic
// script; this module hands it to the console's modules.
const protobuf = globalThis.protobuf;
if (!protobuf) {
  throw new Error('protobufjs did not load from /webjars/protobufjs/7.4.0/dist/protobuf.min.js');
}
export default protobuf;
