/** Longest audio a recording file holds; longer recordings are cut to keep files small. */
export const MAX_RECORDING_FILE_MS = 10_000;

const WAV_SAMPLE_RATE = 8000;
const TONE_HZ = 440;

/**
 * A valid RIFF/WAVE file of 8 kHz, 8-bit mono PCM, `durationMs` long (capped at
 * {@link MAX_RECORDING_FILE_MS}): a quiet 440 Hz tone, so players show a waveform.
 */
export function wavFile(durationMs: number): Buffer {
  const milliseconds = Math.min(Math.max(0, Math.round(durationMs)), MAX_RECORDING_FILE_MS);
  const samples = Math.round((milliseconds * WAV_SAMPLE_RATE) / 1000);
  const file = Buffer.alloc(44 + samples + (samples % 2));
  file.write('RIFF', 0, 'ascii');
  file.writeUInt32LE(file.length - 8, 4);
  file.write('WAVE', 8, 'ascii');
  file.write('fmt ', 12, 'ascii');
  file.writeUInt32LE(16, 16); // fmt chunk size
  file.writeUInt16LE(1, 20); // PCM
  file.writeUInt16LE(1, 22); // mono
  file.writeUInt32LE(WAV_SAMPLE_RATE, 24);
  file.writeUInt32LE(WAV_SAMPLE_RATE, 28); // byte rate: 1 byte per sample
  file.writeUInt16LE(1, 32); // block align
  file.writeUInt16LE(8, 34); // bits per sample
  file.write('data', 36, 'ascii');
  file.writeUInt32LE(samples, 40);
  for (let index = 0; index < samples; index++) {
    // 8-bit PCM is unsigned, centred on 128.
    const value =
      128 + Math.round(16 * Math.sin((2 * Math.PI * TONE_HZ * index) / WAV_SAMPLE_RATE));
    file.writeUInt8(value, 44 + index);
  }
  return file;
}

// MPEG-1 Layer III, 32 kbit/s, 32 kHz, mono, no CRC: 144 bytes and 1152 samples (36 ms) a frame.
const MP3_FRAME_HEADER = [0xff, 0xfb, 0x18, 0xc0];
const MP3_FRAME_BYTES = 144;
/** Length of one MP3 frame in ms. */
export const MP3_FRAME_MS = 36;

/**
 * A valid MP3 stream of silent MPEG-1 Layer III frames covering `durationMs` (capped at
 * {@link MAX_RECORDING_FILE_MS}). Each frame has an all-zero side information block, which
 * decoders play as silence.
 */
export function mp3File(durationMs: number): Buffer {
  const milliseconds = Math.min(Math.max(0, Math.round(durationMs)), MAX_RECORDING_FILE_MS);
  const frames = Math.max(1, Math.ceil(milliseconds / MP3_FRAME_MS));
  const file = Buffer.alloc(frames * MP3_FRAME_BYTES);
  for (let frame = 0; frame < frames; frame++) {
    file.set(MP3_FRAME_HEADER, frame * MP3_FRAME_BYTES);
  }
  return file;
}
