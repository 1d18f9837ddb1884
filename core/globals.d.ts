// The few standard globals core/ uses that every host (Node, browsers, Electron renderers) provides but the
// ES library types do not declare. Declared narrowly, so nothing host-specific creeps in.
declare class TextEncoder {
  encode(text: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: 'utf-8', options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(bytes: Uint8Array): string;
}
