/** Collects what a command writes, as a stream stand-in (`isTTY` false: plain output). */
export class CollectingStream {
  text = '';
  isTTY = false;
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
  lines(): string[] {
    return this.text.split('\n').filter((line) => line !== '');
  }
}
