// The MyTTS page: streams /api/tts as NDJSON, plays each sentence as it arrives (Web Audio),
// draws the last sentence's alignment and offers the whole speech as a WAV download.
// For tests, <body> carries data-state (idle, speaking, done, error), data-samples and data-rms
// (root mean square of every sample received so far).
'use strict';

const $ = (id) => document.getElementById(id);
let audioContext = null;

async function loadVoices() {
  const response = await fetch('api/voices');
  const voices = await response.json();
  const select = $('voice');
  for (const v of voices) {
    const option = document.createElement('option');
    option.value = v.name;
    option.textContent = `${v.name} (${v.locale})`;
    select.appendChild(option);
  }
  document.body.dataset.voices = String(voices.length);
}

function setStatus(text, isError) {
  $('status').textContent = text;
  $('status').className = isError ? 'error' : '';
}

function decodePcm16(base64) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const view = new DataView(bytes.buffer);
  const samples = new Float32Array(bytes.length / 2);
  for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(2 * i, true) / 32768;
  return samples;
}

function drawAlignment(rows) {
  const canvas = $('alignment');
  const g = canvas.getContext('2d');
  g.clearRect(0, 0, canvas.width, canvas.height);
  if (!rows.length || !rows[0].length) return;
  canvas.width = rows[0].length;
  canvas.height = rows.length;
  const image = g.createImageData(canvas.width, canvas.height);
  rows.forEach((row, y) => row.forEach((v, x) => {
    const p = 4 * (y * canvas.width + x);
    const shade = Math.round(255 * (1 - Math.min(1, v)));
    image.data[p] = shade; image.data[p + 1] = shade; image.data[p + 2] = 255; image.data[p + 3] = 255;
  }));
  g.putImageData(image, 0, 0);
}

function wavBlob(chunks, rate) {
  const length = chunks.reduce((n, c) => n + c.length, 0);
  const view = new DataView(new ArrayBuffer(44 + 2 * length));
  const text = (at, s) => [...s].forEach((ch, i) => view.setUint8(at + i, ch.charCodeAt(0)));
  text(0, 'RIFF'); view.setUint32(4, 36 + 2 * length, true); text(8, 'WAVE');
  text(12, 'fmt '); view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
  view.setUint32(24, rate, true); view.setUint32(28, 2 * rate, true); view.setUint16(32, 2, true);
  view.setUint16(34, 16, true); text(36, 'data'); view.setUint32(40, 2 * length, true);
  let at = 44;
  for (const c of chunks) for (const s of c) { view.setInt16(at, Math.max(-32768, Math.min(32767, Math.round(s * 32768))), true); at += 2; }
  return new Blob([view], { type: 'audio/wav' });
}

async function speak() {
  const body = document.body;
  body.dataset.state = 'speaking';
  body.dataset.samples = '0';
  body.dataset.rms = '0';
  $('speak').disabled = true;
  $('download').hidden = true;
  $('warnings').textContent = '';
  $('stats').innerHTML = '';
  setStatus('speaking...');
  audioContext = audioContext || new AudioContext();
  await audioContext.resume();
  let playAt = audioContext.currentTime + 0.05;
  const chunks = [];
  let rate = 22050, count = 0, squares = 0;
  try {
    const response = await fetch('api/tts', {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: $('text').value, voice: $('voice').value, format: 'ndjson' }),
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({ error: { message: response.statusText } }));
      throw new Error(problem.error.message);
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let pending = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (value) pending += value;
      let newline;
      while ((newline = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (line.trim()) handle(JSON.parse(line));
      }
      if (done) break;
    }
  } catch (e) {
    body.dataset.state = 'error';
    setStatus(e.message, true);
  } finally {
    $('speak').disabled = false;
  }

  function handle(event) {
    if (event.type === 'sentence') {
      rate = event.sample_rate;
      const samples = decodePcm16(event.audio);
      chunks.push(samples);
      for (const s of samples) squares += s * s;
      count += samples.length;
      body.dataset.samples = String(count);
      body.dataset.rms = String(Math.sqrt(squares / Math.max(1, count)));
      const buffer = audioContext.createBuffer(1, samples.length, rate);
      buffer.copyToChannel(samples, 0);
      const source = audioContext.createBufferSource();
      source.buffer = buffer;
      source.connect(audioContext.destination);
      playAt = Math.max(playAt, audioContext.currentTime);
      source.start(playAt);
      playAt += buffer.duration;
      $('sentence').textContent = `Sentence ${event.index + 1}: “${event.text}” — alignment score ${event.alignment_score.toFixed(2)}`;
      drawAlignment(event.alignment);
      $('warnings').textContent = (event.warnings || []).join('; ');
      setStatus(`speaking... ${event.index + 1} sentence(s) so far`);
    } else if (event.type === 'done') {
      const stats = { sentences: event.sentences, 'audio (s)': event.seconds.toFixed(2),
        'real-time factor': event.real_time_factor.toFixed(3), 'first audio (ms)': Math.round(event.first_audio_ms),
        warnings: event.warnings.length ? event.warnings.join('; ') : 'none' };
      $('stats').innerHTML = Object.entries(stats).map(([k, v]) => `<dt>${k}</dt><dd></dd>`).join('');
      [...$('stats').querySelectorAll('dd')].forEach((dd, i) => { dd.textContent = String(Object.values(stats)[i]); });
      const link = $('download');
      link.href = URL.createObjectURL(wavBlob(chunks, rate));
      link.hidden = false;
      body.dataset.state = 'done';
      setStatus('done');
    } else if (event.type === 'error') {
      throw new Error(event.message);
    }
  }
}

$('speak').addEventListener('click', speak);
document.body.dataset.state = 'idle';
loadVoices().catch((e) => setStatus('cannot list voices: ' + e.message, true));
