import { formatPercent } from '../lib/format';

/** One test image ready to show: its PNG data URI and what the model made of it. */
export interface GalleryImage {
  index: number;
  label: number;
  predicted: number;
  confidence: number;
  src: string;
}

interface SampleGalleryProps {
  images: readonly GalleryImage[];
  classNames: readonly string[];
  empty: string;
}

/** A grid of test images with true and predicted class and the model's confidence. */
export function SampleGallery({ images, classNames, empty }: SampleGalleryProps) {
  if (images.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="gallery">
      {images.map((image) => (
        <li
          key={image.index}
          data-label={image.label}
          data-predicted={image.predicted}
          className={image.label === image.predicted ? 'correct' : 'wrong'}
        >
          {/* A data URI of 28x28 pixels: next/image would add nothing here. */}
          <img src={image.src} width={56} height={56} alt={`test image ${image.index}`} />
          <span>
            {classNames[image.label]}
            {image.label === image.predicted ? '' : ` → ${classNames[image.predicted]}`}
          </span>
          <span className="muted">{formatPercent(image.confidence, 0)}</span>
        </li>
      ))}
    </ul>
  );
}
