import { formatPercent } from '../lib/format';
import { HeatCanvas } from './heat-canvas';

/** One test image ready to show: its PNG data URI and what the model made of it. */
export interface GalleryImage {
  index: number;
  label: number;
  predicted: number;
  confidence: number;
  src: string;
  /** Heatmaps (base64) for the predicted and, for a mistake, the true class, when explained. */
  heat?: { predicted?: string | undefined; label?: string | undefined };
}

interface SampleGalleryProps {
  images: readonly GalleryImage[];
  classNames: readonly string[];
  empty: string;
}

/** The picture with a heatmap laid over it (shown when the surrounding controls say so). */
function Explained({
  src,
  alt,
  heat,
  title,
}: {
  src: string;
  alt: string;
  heat?: string | undefined;
  title: string;
}) {
  return (
    <span className="heat-frame" title={title}>
      {/* A data URI of 28x28 pixels: next/image would add nothing here. */}
      <img src={src} width={56} height={56} alt={alt} />
      {heat === undefined ? null : <HeatCanvas pixels={heat} size={56} label={title} />}
    </span>
  );
}

/** A grid of test images with true and predicted class, the model's confidence and heatmaps. */
export function SampleGallery({ images, classNames, empty }: SampleGalleryProps) {
  if (images.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="gallery">
      {images.map((image) => {
        const wrong = image.label !== image.predicted;
        const predictedName = classNames[image.predicted];
        const labelName = classNames[image.label];
        const alt = `test image ${image.index}`;
        return (
          <li
            key={image.index}
            data-label={image.label}
            data-predicted={image.predicted}
            className={wrong ? 'wrong' : 'correct'}
          >
            <span className="heat-pair">
              <Explained
                src={image.src}
                alt={alt}
                heat={image.heat?.predicted}
                title={`where it looked for ${predictedName}`}
              />
              {wrong && image.heat?.label !== undefined ? (
                <span className="heat-only">
                  <Explained
                    src={image.src}
                    alt={`${alt}, true class`}
                    heat={image.heat.label}
                    title={`where it looked for ${labelName}`}
                  />
                </span>
              ) : null}
            </span>
            <span>
              {labelName}
              {wrong ? ` → ${predictedName}` : ''}
            </span>
            {wrong && image.heat?.label !== undefined ? (
              <span className="heat-only heat-caption">
                it looked here: {predictedName}, not {labelName}
              </span>
            ) : null}
            <span className="muted">{formatPercent(image.confidence, 0)}</span>
          </li>
        );
      })}
    </ul>
  );
}
