// A child started by the stub's utilityProcess.fork gets Electron's `process.parentPort` over Node's IPC channel.
process.parentPort = {
  on: (_event, listener) => process.on('message', (data) => listener({ data })),
  postMessage: (message) => process.send(message),
};
