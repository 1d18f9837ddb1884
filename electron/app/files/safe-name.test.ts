// Safe names: what each file system refuses or the importer skips comes out changed, everything else unchanged.
import { describe, expect, it } from 'vitest';
import { nameKey, safeFileName, safeFolderName, UniqueNames, withCopyNumber } from './safe-name.ts';

describe('safeFolderName', () => {
  it.each([
    ['cat', 'cat'],
    ['Golden Retriever', 'Golden Retriever'],
    ['猫 🐈', '猫 🐈'],
    ['v1.5', 'v1.5'],
    ['a/b: c?', 'a_b_ c_'],
    ['back\\slash', 'back_slash'],
    ['*?"<>|', '______'],
    ['tab\there\u0000\u007f\u0085', 'tab_here___'],
    ['dots...', 'dots'],
    ['trailing space ', 'trailing space'],
    ['mixed. .', 'mixed'],
    ['.', '_'],
    ['..', '_'],
    ['...', '_'],
    ['.hidden', '_hidden'],
    ['CON', 'CON_'],
    ['con', 'con_'],
    ['Nul', 'Nul_'],
    ['COM1', 'COM1_'],
    ['lpt9', 'lpt9_'],
    ['COM¹', 'COM¹_'],
    ['con.jpg', 'con_.jpg'],
    ['CON .txt', 'CON_ .txt'],
    ['CONSOLE', 'CONSOLE'],
    ['COM10', 'COM10'],
    ['Thumbs.db', '_Thumbs.db'],
    ['desktop.ini', '_desktop.ini'],
  ])('%j → %j', (name, safe) => {
    expect(safeFolderName(name)).toBe(safe);
  });

  it('composes NFD input to NFC, so macOS and Linux agree on the name', () => {
    expect(safeFolderName('Cafe\u0301')).toBe('Caf\u00e9');
  });

  it('keeps folder names within 100 characters and 200 bytes, cutting between code points', () => {
    expect([...safeFolderName('x'.repeat(150))]).toHaveLength(100);
    const emoji = safeFolderName('🐈'.repeat(100));
    expect(Buffer.byteLength(emoji)).toBeLessThanOrEqual(200);
    expect(emoji).toBe('🐈'.repeat(50));
    expect(safeFolderName(`${'x'.repeat(99)}. y`)).toBe('x'.repeat(99));
  });
});

describe('safeFileName', () => {
  it('keeps the extension when it has to shorten a name', () => {
    const name = safeFileName(`${'é'.repeat(200)}.jpeg`);
    expect(name.endsWith('.jpeg')).toBe(true);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(240);
  });

  it('treats a file name like a folder name otherwise', () => {
    expect(safeFileName('a:b.jpg')).toBe('a_b.jpg');
    expect(safeFileName('.secret.png')).toBe('_secret.png');
    expect(safeFileName('aux.png')).toBe('aux_.png');
    expect(safeFileName('photo.jpg')).toBe('photo.jpg');
  });
});

describe('withCopyNumber', () => {
  it('numbers before a file extension and after a folder name', () => {
    expect(withCopyNumber('photo.jpg', 2, 'file')).toBe('photo (2).jpg');
    expect(withCopyNumber('README', 3, 'file')).toBe('README (3)');
    expect(withCopyNumber('v1.5', 2, 'folder')).toBe('v1.5 (2)');
  });

  it('stays within the limits', () => {
    expect(withCopyNumber('x'.repeat(100), 12, 'folder')).toBe(`${'x'.repeat(95)} (12)`);
  });
});

describe('UniqueNames', () => {
  it('numbers later names that a case-insensitive or normalising file system would merge', () => {
    const names = new UniqueNames('file');
    expect(['a.jpg', 'A.JPG', 'a.jpg', 'a (2).jpg', 'Cafe\u0301.jpg', 'Caf\u00e9.jpg'].map((n) => names.take(n))).toEqual([
      'a.jpg', 'A (2).JPG', 'a (3).jpg', 'a (2) (2).jpg', 'Cafe\u0301.jpg', 'Caf\u00e9 (2).jpg',
    ]);
  });

  it('never hands out a reserved name', () => {
    const names = new UniqueNames('folder', ['unlabeled']);
    expect(names.take('Unlabeled')).toBe('Unlabeled (2)');
    expect(nameKey('ÉCOLE')).toBe(nameKey('e\u0301cole'));
  });
});
