import {
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  InfoCircleFilled,
} from '@ant-design/icons'
import { theme } from 'antd'
import type { CSSProperties, ReactNode } from 'react'

/*
 * Light stand-ins for antd's Typography, Card and Result on the public phone pages (kiosk, survey, QR
 * content, login), styled from the same theme tokens. antd's versions carry what those pages never use and
 * pay for on a slow link: Typography brings editing, copying and ellipsis tooltips; Card brings Tabs with their
 * dropdown menu; Result brings its three SVG illustrations. Together that was over 60 kB of gzip per page.
 * The signed-in desk keeps using antd's own.
 */

type Tone = 'secondary' | 'danger' | 'success' | 'warning'

interface TextProps {
  children?: ReactNode
  type?: Tone
  strong?: boolean
  style?: CSSProperties
  role?: string
  'data-testid'?: string
}

function useToneColor(type: Tone | undefined): string | undefined {
  const { token } = theme.useToken()
  if (type === 'secondary') return token.colorTextDescription
  if (type === 'danger') return token.colorError
  if (type === 'success') return token.colorSuccess
  if (type === 'warning') return token.colorWarning
  return undefined
}

export function Text({ children, type, strong, style, role, 'data-testid': testId }: TextProps) {
  const color = useToneColor(type)
  return (
    <span data-testid={testId} role={role} style={{ color, fontWeight: strong ? 600 : undefined, ...style }}>
      {children}
    </span>
  )
}

export function Paragraph({ children, type, strong, style, 'data-testid': testId }: TextProps) {
  const { token } = theme.useToken()
  const color = useToneColor(type)
  return (
    <div
      data-testid={testId}
      style={{
        color: color ?? token.colorText,
        fontWeight: strong ? 600 : undefined,
        marginBottom: '1em',
        overflowWrap: 'anywhere',
        ...style,
      }}
    >
      {children}
    </div>
  )
}

const HEADINGS = { 1: 'h1', 2: 'h2', 3: 'h3', 4: 'h4', 5: 'h5' } as const

export function Title({
  level = 1,
  children,
  style,
  'data-testid': testId,
}: {
  level?: 1 | 2 | 3 | 4 | 5
  children?: ReactNode
  style?: CSSProperties
  'data-testid'?: string
}) {
  const { token } = theme.useToken()
  const Tag = HEADINGS[level]
  const size = token[`fontSizeHeading${level}`]
  const lineHeight = token[`lineHeightHeading${level}`]
  return (
    <Tag
      data-testid={testId}
      style={{
        color: token.colorTextHeading,
        fontWeight: token.fontWeightStrong,
        fontSize: size,
        lineHeight,
        marginTop: 0,
        marginBottom: '0.5em',
        ...style,
      }}
    >
      {children}
    </Tag>
  )
}

/** A bordered white box, like a small Card without a header. */
export function Panel({
  children,
  padding = 12,
  style,
  'data-testid': testId,
  'data-missing': missing,
}: {
  children?: ReactNode
  padding?: CSSProperties['padding']
  style?: CSSProperties
  'data-testid'?: string
  'data-missing'?: boolean
}) {
  const { token } = theme.useToken()
  return (
    <div
      data-testid={testId}
      data-missing={missing}
      style={{
        background: token.colorBgContainer,
        border: `1px solid ${token.colorBorderSecondary}`,
        borderRadius: token.borderRadiusLG,
        padding,
        boxSizing: 'border-box',
        ...style,
      }}
    >
      {children}
    </div>
  )
}

type OutcomeStatus = 'success' | 'info' | 'warning' | 'error'

/** The end of a flow (answered, closed, not found): an icon, a title, maybe a line and an action. */
export function Outcome({
  status,
  title,
  subTitle,
  extra,
  'data-testid': testId,
}: {
  status: OutcomeStatus
  title: ReactNode
  subTitle?: ReactNode
  extra?: ReactNode
  'data-testid'?: string
}) {
  const { token } = theme.useToken()
  const icons: Record<OutcomeStatus, [ReactNode, string]> = {
    success: [<CheckCircleFilled key="i" />, token.colorSuccess],
    info: [<InfoCircleFilled key="i" />, token.colorInfo],
    warning: [<ExclamationCircleFilled key="i" />, token.colorWarning],
    error: [<CloseCircleFilled key="i" />, token.colorError],
  }
  const [icon, color] = icons[status]
  return (
    <div data-testid={testId} role="status" style={{ padding: '40px 16px', textAlign: 'center' }}>
      <div aria-hidden style={{ fontSize: 64, lineHeight: 1, color, marginBottom: 20 }}>
        {icon}
      </div>
      <div style={{ fontSize: 22, lineHeight: 1.4, color: token.colorTextHeading }}>{title}</div>
      {subTitle && <div style={{ marginTop: 8, color: token.colorTextDescription }}>{subTitle}</div>}
      {extra && <div style={{ marginTop: 24 }}>{extra}</div>}
    </div>
  )
}

/**
 * A labelled control of a plain <form> (login, sign-up): the label, the control, a hint under it and the
 * field's error, read out as an alert. The control carries `id`, and `aria-describedby` naming
 * `${id}-hint` / `${id}-error` when those show. antd's Form brings its engine and validator (about 45 kB of
 * gzip), more than a page with a few fields needs.
 */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string
  label: ReactNode
  hint?: ReactNode
  error?: string
  children: ReactNode
}) {
  const { token } = theme.useToken()
  return (
    <div style={{ marginBottom: token.marginLG }}>
      <label
        htmlFor={id}
        style={{ display: 'block', paddingBottom: token.paddingXS, color: token.colorText }}
      >
        {label}
      </label>
      {children}
      {error && (
        <div id={`${id}-error`} role="alert" style={{ color: token.colorError, marginTop: 4 }}>
          {error}
        </div>
      )}
      {hint && (
        <div id={`${id}-hint`} style={{ color: token.colorTextDescription, marginTop: 4 }}>
          {hint}
        </div>
      )}
    </div>
  )
}

/** The aria attributes of a control inside <Field> with the same `id`. */
export function fieldAria(id: string, error: string | undefined, hint = false) {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ')
  return {
    id,
    status: error ? ('error' as const) : undefined,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
  }
}
